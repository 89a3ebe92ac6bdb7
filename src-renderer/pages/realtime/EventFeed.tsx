import { useState } from 'react';
import type { FeedEvent } from '../../data/realtime/use-realtime-feed';

const OPS = ['INSERT', 'UPDATE', 'DELETE'] as const;

function EventItem({ e }: { e: FeedEvent }) {
  return (
    <tr data-testid="realtime-event" data-operation={e.operation} data-table={`${e.schema}.${e.table}`} data-live={e.live}>
      <td className="muted" title={e.timestamp}>{new Date(e.timestamp).toLocaleTimeString()}</td>
      <td><span className={`op op-${e.operation}`} data-testid="realtime-event-op">{e.operation}</span></td>
      <td className="mono">{e.schema}.{e.table}</td>
      <td>
        <code className="mono" data-testid="realtime-event-row">{JSON.stringify(e.row ?? e.old_row)}</code>
        {e.operation === 'UPDATE' && e.old_row && <div className="muted mono">was {JSON.stringify(e.old_row)}</div>}
        {e.truncated && <span className="badge badge-warn">truncated: primary key only</span>}
      </td>
    </tr>
  );
}

/** The live events, newest first, INSERT/UPDATE/DELETE colour-coded, filterable by operation. */
export function EventFeed({ events, onClear }: { events: FeedEvent[]; onClear: () => void }) {
  const [shown, setShown] = useState<Set<string>>(new Set(OPS));
  const visible = events.filter((e) => shown.has(e.operation));
  const flip = (op: string) => setShown((s) => {
    const n = new Set(s);
    if (n.has(op)) n.delete(op);
    else n.add(op);
    return n;
  });
  return (
    <div className="card" data-testid="realtime-feed">
      <div className="page-header">
        <h2>Live events <span className="muted">({visible.length})</span></h2>
        <div className="fields">
          {OPS.map((op) => (
            <label key={op} className="toggle">
              <input type="checkbox" checked={shown.has(op)} onChange={() => flip(op)} data-testid={`realtime-filter-${op}`} />
              <span className={`op op-${op}`}>{op}</span>
            </label>
          ))}
          <button type="button" className="btn btn-small" onClick={onClear} data-testid="realtime-clear">Clear</button>
        </div>
      </div>
      <div className="feed">
        <table className="data"><tbody>{visible.map((e) => <EventItem key={e.key} e={e} />)}</tbody></table>
        {visible.length === 0 && <p className="muted" data-testid="realtime-feed-empty">Waiting for changes in subscribed tables…</p>}
      </div>
    </div>
  );
}
