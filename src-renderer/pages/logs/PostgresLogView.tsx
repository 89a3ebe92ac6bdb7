import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePostgresLog } from '../../data/logs/postgres-log-query';
import type { PostgresLogEntry } from '../../data/logs/types';
import { LiveBadge } from './LiveBadge';

type Show = 'problems' | 'errors' | 'slow' | 'all';
const SHOWN: Record<Show, (e: PostgresLogEntry) => boolean> = {
  problems: (e) => e.kind !== 'info', errors: (e) => e.kind === 'error', slow: (e) => e.kind === 'slow', all: () => true,
};
const KIND_CLASS = { error: 'badge-bad', warning: 'badge-warn', slow: 'badge-warn', info: 'badge-muted' } as const;

export function PostgresLogView() {
  const [paused, setPaused] = useState(false);
  const [show, setShow] = useState<Show>('problems');
  const log = usePostgresLog(paused);
  if (log.meta && !log.meta.available) {
    return <div className="notice" data-testid="pg-log-unavailable">{log.meta.reason}</div>;
  }
  const shown = log.entries.filter(SHOWN[show]).reverse();
  return (
    <div data-testid="postgres-log">
      <div className="toolbar">
        <select value={show} onChange={(e) => setShow(e.target.value as Show)} data-testid="pg-log-show">
          <option value="problems">errors, warnings and slow statements</option><option value="errors">errors</option>
          <option value="slow">slow statements</option><option value="all">everything</option>
        </select>
        <span className="spacer" />
        <LiveBadge connected={log.connected} paused={paused} onPause={setPaused} />
      </div>
      {log.error && <ErrorNotice error={log.error} />}
      {log.meta?.slow_statement_ms && <p className="small muted">Statements slower than {log.meta.slow_statement_ms.toLocaleString()} ms are logged as slow.</p>}
      <div className="pg-log">
        {shown.map((e) => (
          <div key={e.id} className="pg-log-entry" data-testid="pg-log-entry" data-kind={e.kind}>
            <div className="row small">
              <span className="mono muted">{e.at}</span><span className="mono muted">[{e.pid}]</span>
              <span className={`badge ${KIND_CLASS[e.kind]}`}>{e.kind === 'slow' ? `slow · ${e.duration_ms} ms` : e.level}</span>
              {e.kind !== 'slow' && <span data-testid="pg-log-message">{e.message}</span>}
            </div>
            {e.detail && <div className="small muted">{e.detail}</div>}
            {e.hint && <div className="hint">{e.hint}</div>}
            {e.statement && <pre className="snippet small" data-testid="pg-log-statement">{e.statement}</pre>}
          </div>
        ))}
      </div>
      {!log.loading && shown.length === 0 && <p className="muted" data-testid="pg-log-empty">Nothing to show yet.</p>}
    </div>
  );
}
