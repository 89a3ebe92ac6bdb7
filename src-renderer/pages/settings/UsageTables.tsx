import type { EndpointUsage, KeyUsage } from '../../data/metrics/metrics-query';
import { formatBytes, formatMs, formatPercent } from '../../lib/format';

export function EndpointTable({ endpoints }: { endpoints: EndpointUsage[] }) {
  return (
    <table className="data" data-testid="usage-endpoints">
      <thead><tr><th>Endpoint</th><th>Requests</th><th>Errors</th><th>Error rate</th><th>p50</th><th>p95</th><th>Bandwidth</th></tr></thead>
      <tbody>
        {endpoints.map((e) => (
          <tr key={e.endpoint} data-testid="usage-endpoint-row" data-endpoint={e.endpoint}>
            <td className="mono">{e.endpoint}</td>
            <td data-testid="usage-endpoint-requests">{e.requests.toLocaleString()}</td>
            <td>{e.errors.toLocaleString()}</td>
            <td className={e.error_rate > 0.05 ? 'text-bad' : undefined}>{formatPercent(e.error_rate)}</td>
            <td>{formatMs(e.p50_ms)}</td>
            <td>{formatMs(e.p95_ms)}</td>
            <td>{formatBytes(e.bandwidth_bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function callerName(k: KeyUsage): string {
  if (k.kind === 'dashboard') return 'Dashboard session';
  if (k.kind === 'none') return 'No credentials';
  return `${k.label || k.key_type || 'key'} (${k.key_prefix ?? k.key_id ?? '?'}…)`;
}

export function KeyTable({ keys }: { keys: KeyUsage[] }) {
  return (
    <table className="data" data-testid="usage-keys">
      <thead><tr><th>Caller</th><th>Type</th><th>Requests</th><th>Errors</th><th>Error rate</th><th>Bandwidth</th></tr></thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.caller} data-testid="usage-key-row" data-caller={k.caller}>
            <td>{callerName(k)} {k.revoked && <span className="badge badge-bad">revoked</span>}</td>
            <td>{k.key_type ?? k.kind}</td>
            <td>{k.requests.toLocaleString()}</td>
            <td>{k.errors.toLocaleString()}</td>
            <td>{formatPercent(k.error_rate)}</td>
            <td>{formatBytes(k.bandwidth_bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
