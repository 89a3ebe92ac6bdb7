import type { Webhook } from '../../data/webhooks/types';
import { formatRelative, formatTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { HealthBadge } from './HealthBadge';

/** Every webhook with its health at a glance: delivered, failed, pending, last fired, paused. */
export function WebhookList({ webhooks, onToggle, busyId }: { webhooks: Webhook[]; onToggle: (w: Webhook) => void; busyId: string | null }) {
  return (
    <table className="data" data-testid="webhook-table">
      <thead>
        <tr><th>Webhook</th><th>Table</th><th>Events</th><th>Health</th><th>Delivered</th><th>Failed</th><th>Pending</th><th>Last fired</th><th /></tr>
      </thead>
      <tbody>
        {webhooks.map((w) => (
          <tr key={w.id} data-testid="webhook-row" data-webhook-id={w.id} data-name={w.name}>
            <td>
              <Link to={`/webhooks/${w.id}`} data-testid="webhook-link"><strong data-testid="webhook-name">{w.name || w.url}</strong></Link>
              <div className="muted mono truncate" title={w.url}>{w.url}</div>
            </td>
            <td className="mono">{w.table_schema}.{w.table_name}</td>
            <td>{w.events.map((e) => <span key={e} className={`op op-${e}`}>{e}</span>)}</td>
            <td><HealthBadge health={w.stats.health} /></td>
            <td data-testid="webhook-delivered">{w.stats.delivered}</td>
            <td data-testid="webhook-failed" className={w.stats.failed ? 'text-bad' : undefined}>{w.stats.failed}</td>
            <td data-testid="webhook-pending">{w.stats.pending}</td>
            <td title={formatTime(w.stats.last_fired_at)}>
              {w.stats.last_fired_at ? formatRelative(w.stats.last_fired_at) : 'never'}
              {w.stats.last_status_code !== null && <span className="muted"> ({w.stats.last_status_code})</span>}
            </td>
            <td className="actions">
              <button type="button" className="btn btn-small" disabled={busyId === w.id} onClick={() => onToggle(w)} data-testid="webhook-toggle">
                {w.active ? 'Pause' : 'Resume'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
