import { useState } from 'react';
import type { HistoryEntry, SavedQuery } from '../../data/sql/types';

export interface SqlLibraryProps {
  tab: 'saved' | 'history';
  onTab: (t: 'saved' | 'history') => void;
  search: string;
  onSearch: (s: string) => void;
  saved: SavedQuery[] | undefined;
  history: HistoryEntry[] | undefined;
  onOpen: (sql: string, saved?: SavedQuery) => void;
  onDeleteSaved: (q: SavedQuery) => void;
}

const STATUS_CLASS: Record<HistoryEntry['status'], string> = { success: 'badge-ok', error: 'badge-bad', cancelled: 'badge-warn' };

function SavedList({ saved, onOpen, onDelete }: { saved: SavedQuery[]; onOpen: SqlLibraryProps['onOpen']; onDelete: (q: SavedQuery) => void }) {
  const [tag, setTag] = useState<string | null>(null);
  const tags = [...new Set(saved.flatMap((q) => q.tags))].sort();
  const shown = tag ? saved.filter((q) => q.tags.includes(tag)) : saved;
  return (
    <>
      {tags.length > 0 && (
        <div className="row small" style={{ marginBottom: 6 }}>
          {tags.map((t) => (
            <button key={t} type="button" className={`pill tag ${tag === t ? 'active' : ''}`} onClick={() => setTag(tag === t ? null : t)} data-testid="saved-tag-filter">#{t}</button>
          ))}
        </div>
      )}
      {shown.length === 0 && <p className="muted small">No saved queries.</p>}
      {shown.map((q) => (
        <div key={q.id} className="lib-item" data-testid="saved-query" data-name={q.name}>
          <button type="button" className="lib-open" onClick={() => onOpen(q.sql, q)} data-testid="saved-query-open">
            <strong>{q.name}</strong>
            <code className="lib-sql">{q.sql.slice(0, 120)}</code>
            <span className="small">{q.tags.map((t) => <span key={t} className="tag-text" data-testid="saved-query-tag">#{t} </span>)}</span>
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => onDelete(q)} title="Delete" data-testid="saved-query-delete">✕</button>
        </div>
      ))}
    </>
  );
}

function HistoryList({ history, onOpen }: { history: HistoryEntry[]; onOpen: SqlLibraryProps['onOpen'] }) {
  if (history.length === 0) return <p className="muted small">No queries run yet.</p>;
  return (
    <>
      {history.map((h) => (
        <div key={h.id} className="lib-item" data-testid="history-entry" data-status={h.status}>
          <button type="button" className="lib-open" onClick={() => onOpen(h.sql)} title={h.error ?? ''} data-testid="history-open">
            <code className="lib-sql">{h.sql.slice(0, 160)}</code>
            <span className="small muted">
              <span className={`badge ${STATUS_CLASS[h.status]}`}>{h.status}</span> {new Date(h.created_at).toLocaleString()} · {h.duration_ms} ms · {h.row_count} rows
            </span>
          </button>
        </div>
      ))}
    </>
  );
}

/** Saved queries and the run history, both searchable; a click opens the SQL in the editor. */
export function SqlLibrary(p: SqlLibraryProps) {
  return (
    <aside className="sql-library" data-testid="sql-library">
      <div className="tabs">
        <button type="button" className={`tab ${p.tab === 'saved' ? 'active' : ''}`} onClick={() => p.onTab('saved')} data-testid="tab-saved">Saved</button>
        <button type="button" className={`tab ${p.tab === 'history' ? 'active' : ''}`} onClick={() => p.onTab('history')} data-testid="tab-history">History</button>
      </div>
      <input className="input-small" style={{ width: '100%', marginBottom: 8 }} placeholder={`Search ${p.tab}…`} value={p.search} onChange={(e) => p.onSearch(e.target.value)} data-testid="library-search" />
      <div className="lib-list">
        {p.tab === 'saved'
          ? p.saved && <SavedList saved={p.saved} onOpen={p.onOpen} onDelete={p.onDeleteSaved} />
          : p.history && <HistoryList history={p.history} onOpen={p.onOpen} />}
      </div>
    </aside>
  );
}
