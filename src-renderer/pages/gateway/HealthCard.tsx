import { ErrorNotice } from '../../components/ErrorNotice';
import { useGatewayHealthQuery } from '../../data/gateway/health-query';

const badge = (status: string) => (status === 'up' ? 'badge-ok' : status === 'down' ? 'badge-bad' : 'badge-muted');
const latency = (ms: number | null) => (ms === null ? '—' : `${ms.toFixed(1)} ms`);

/** Each module and upstream: up or down and how fast, probed by the server every 10 s while the page is open. */
export function HealthCard() {
  const health = useGatewayHealthQuery();
  const h = health.data;
  return (
    <div className="card" data-testid="gateway-health">
      <div className="toolbar">
        <h2 style={{ margin: 0 }}>Health</h2>
        {h && <span className={`badge ${h.status === 'ok' ? 'badge-ok' : 'badge-warn'}`} data-testid="gateway-health-status">{h.status}</span>}
        <span className="spacer" />
        {h && <span className="small muted">checked {new Date(h.checked_at).toLocaleTimeString()}</span>}
      </div>
      {health.error && <ErrorNotice error={health.error} />}
      {h && (
        <table className="data">
          <thead><tr><th>Upstream / module</th><th>Status</th><th>Latency</th><th>Checked</th></tr></thead>
          <tbody>
            {h.upstreams.map((u) => (
              <tr key={u.url} data-testid="upstream-health-row" data-status={u.status}>
                <td><code>{u.url}</code></td>
                <td><span className={`badge ${badge(u.status)}`}>{u.status}</span></td>
                <td>{latency(u.latency_ms)}</td>
                <td className="small muted">{u.error ?? `HTTP ${u.status_code}`} · {u.rule_ids.length} rule{u.rule_ids.length === 1 ? '' : 's'}</td>
              </tr>
            ))}
            {h.modules.map((m) => (
              <tr key={m.id} data-testid="module-health-row" data-module={m.id} data-status={m.status}>
                <td>{m.name}</td>
                <td><span className={`badge ${badge(m.status)}`}>{m.status.replace('_', ' ')}</span></td>
                <td>{latency(m.latency_ms)}</td>
                <td className="small muted">{m.error ?? m.check}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
