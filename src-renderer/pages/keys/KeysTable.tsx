import type { ApiKey } from '../../data/api-keys/types';
import { RateLimitCell } from './RateLimitCell';

export interface KeysTableProps {
  keys: ApiKey[];
  showRevoked: boolean;
  onRevoke: (key: ApiKey) => void;
  onRotate: (key: ApiKey) => void;
  onRateLimit: (key: ApiKey, limit: number | null) => void;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export function KeysTable({ keys, showRevoked, onRevoke, onRotate, onRateLimit }: KeysTableProps) {
  const shown = showRevoked ? keys : keys.filter((k) => !k.revoked);
  if (shown.length === 0) return <p className="muted" data-testid="keys-empty">No keys.</p>;
  return (
    <table className="data" data-testid="keys-table">
      <thead>
        <tr>
          <th>Type</th><th>Prefix</th><th>Label</th><th>Created</th><th>Last used</th><th>Rate limit</th><th>State</th><th />
        </tr>
      </thead>
      <tbody>
        {shown.map((k) => (
          <tr key={k.id} data-testid="key-row" data-key-id={k.id} data-key-prefix={k.key_prefix} data-revoked={k.revoked}>
            <td><span className={`badge ${k.key_type === 'anon' ? 'badge-info' : 'badge-warn'}`}>{k.key_type}</span></td>
            <td><code data-testid="key-prefix">{k.key_prefix}…</code></td>
            <td data-testid="key-label">{k.label || <span className="muted">—</span>}</td>
            <td title={k.created_at}>{when(k.created_at)}</td>
            <td title={k.last_used_at ?? ''} data-testid="key-last-used">{when(k.last_used_at)}</td>
            <td><RateLimitCell value={k.rate_limit} disabled={k.revoked} onSave={(n) => onRateLimit(k, n)} testId="key-rate-limit" /></td>
            <td data-testid="key-state">
              {k.revoked ? <span className="badge badge-bad" title={k.revoked_at ?? ''}>revoked</span> : <span className="badge badge-ok">active</span>}
            </td>
            <td className="row" style={{ justifyContent: 'flex-end' }}>
              {!k.revoked && (
                <>
                  <button type="button" className="btn btn-small" onClick={() => onRotate(k)} data-testid="key-rotate">Rotate</button>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => onRevoke(k)} data-testid="key-revoke">Revoke</button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
