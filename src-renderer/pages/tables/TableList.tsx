import type { TableSummary } from '../../data/sql/types';

export interface TableListProps {
  schemas: Array<{ name: string; exposed: boolean }>;
  tables: TableSummary[];
  schema: string;
  onSchema: (s: string) => void;
  search: string;
  onSearch: (s: string) => void;
  selected: { schema: string; table: string } | null;
  onSelect: (t: TableSummary) => void;
  onCreate: () => void;
}

const fmtRows = (t: TableSummary) => (t.rows === null ? '—' : `${t.rows_exact ? '' : '~'}${t.rows.toLocaleString()}`);

/** Schemas and their tables with row estimates; RLS-off tables in exposed schemas carry a warning badge. */
export function TableList(p: TableListProps) {
  const shown = p.tables.filter((t) => t.schema === p.schema);
  return (
    <aside className="table-list" data-testid="table-list">
      <div className="row" style={{ marginBottom: 8 }}>
        <select value={p.schema} onChange={(e) => p.onSchema(e.target.value)} data-testid="schema-select" style={{ flex: 1 }}>
          {p.schemas.map((s) => <option key={s.name} value={s.name}>{s.name}{s.exposed ? ' (API)' : ''}</option>)}
        </select>
        <button type="button" className="btn btn-primary btn-small" onClick={p.onCreate} data-testid="table-create">+ New</button>
      </div>
      <input className="input-small" style={{ width: '100%', marginBottom: 8 }} placeholder="Search tables…" value={p.search} onChange={(e) => p.onSearch(e.target.value)} data-testid="table-search" />
      {shown.length === 0 && <p className="muted small">No tables in {p.schema}.</p>}
      {shown.map((t) => {
        const active = p.selected?.schema === t.schema && p.selected.table === t.name;
        return (
          <button key={`${t.schema}.${t.name}`} type="button" className={`table-item ${active ? 'active' : ''}`} onClick={() => p.onSelect(t)}
            data-testid="table-item" data-table={t.name} title={t.rls_warning ?? t.comment ?? ''}>
            <span className="table-name">{t.name}</span>
            {t.kind !== 'table' && <span className="badge badge-muted">{t.kind.replace('_', ' ')}</span>}
            {t.rls_warning && <span className="badge badge-warn" data-testid="table-rls-off">RLS off</span>}
            <span className="muted small" data-testid="table-rows">{fmtRows(t)}</span>
          </button>
        );
      })}
    </aside>
  );
}
