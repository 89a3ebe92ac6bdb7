import type { WebhookLog } from '../../data/webhooks/types';
import { formatMs, formatTime } from '../../lib/format';

/** Delivery attempts, colour-coded by outcome; clicking a row selects it for the viewer. */
export function DeliveryLog({ logs, selectedId, onSelect, onReplay, replayingId }: {
  logs: WebhookLog[];
  selectedId: number | null;
  onSelect: (log: WebhookLog) => void;
  onReplay: (log: WebhookLog) => void;
  replayingId: number | null;
}) {
  return (
    <table className="data" data-testid="delivery-log">
      <thead><tr><th>Time</th><th>Event</th><th>Attempt</th><th>Outcome</th><th>Status</th><th>Latency</th><th>Event id</th><th /></tr></thead>
      <tbody>
        {logs.map((l) => (
          <tr key={l.id} className={`selectable outcome-${l.success ? 'success' : 'failure'} ${selectedId === l.id ? 'selected' : ''}`}
            onClick={() => onSelect(l)} data-testid="delivery-row" data-outcome={l.success ? 'success' : 'failure'} data-event={l.event}>
            <td title={l.attempted_at}>{formatTime(l.attempted_at)}</td>
            <td><span className={`op op-${l.event}`} data-testid="delivery-event">{l.event}</span></td>
            <td>{l.attempt}</td>
            <td>{l.success ? <span className="badge badge-ok">delivered</span> : <span className="badge badge-bad" title={l.error ?? undefined}>failed</span>}</td>
            <td data-testid="delivery-status">{l.status_code ?? '—'}</td>
            <td>{formatMs(l.latency_ms)}</td>
            <td className="mono muted">{l.event_id?.slice(0, 8) ?? '—'}</td>
            <td className="actions">
              <button type="button" className="btn btn-small" disabled={replayingId === l.id} data-testid="delivery-replay"
                onClick={(e) => { e.stopPropagation(); onReplay(l); }}>
                {replayingId === l.id ? 'Sending…' : 'Replay'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
