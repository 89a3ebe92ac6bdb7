import { useEffect, useState } from 'react';
import type { ViewAsRole } from '../../data/table-editor/types';
import { useDebounced } from '../../lib/use-debounced';

export interface GridToolbarProps {
  search: string;
  onSearch: (s: string) => void;
  onAddFilter: () => void;
  filterCount: number;
  viewAs: { role: ViewAsRole; sub?: string } | null;
  onViewAs: (v: { role: ViewAsRole; sub?: string } | null) => void;
  editable: boolean;
  selectedCount: number;
  onInsert: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onImport: () => void;
  onExport: (format: 'csv' | 'json') => void;
  onStructure: () => void;
  columns: Array<{ name: string; hidden: boolean }>;
  onToggleColumn: (name: string) => void;
}

/** Typing stays local; the URL (and the query) follow a moment later. */
function SearchBox({ value, onChange }: { value: string; onChange: (s: string) => void }) {
  const [text, setText] = useState(value);
  const settled = useDebounced(text, 250);
  useEffect(() => {
    if (settled !== value) onChange(settled);
    // Only the typed text drives the URL here.
  }, [settled]);
  // Leaving the box applies the text at once, so a click elsewhere (a sort, "go to row") is not undone by the late search.
  const commit = () => { if (text !== value) onChange(text); };
  return <input className="input-small" placeholder="Quick search…" value={text} onChange={(e) => setText(e.target.value)} onBlur={commit}
    onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} data-testid="grid-search" style={{ width: 180 }} />;
}

export function GridToolbar(p: GridToolbarProps) {
  return (
    <div className="toolbar grid-toolbar" data-testid="grid-toolbar">
      <SearchBox value={p.search} onChange={p.onSearch} />
      <button type="button" className="btn btn-small" onClick={p.onAddFilter} data-testid="filter-add">+ Filter{p.filterCount ? ` (${p.filterCount})` : ''}</button>
      <details className="menu">
        <summary className="btn btn-small" data-testid="columns-menu">Columns</summary>
        <div className="menu-body">
          {p.columns.map((c) => (
            <label key={c.name} className="row small"><input type="checkbox" checked={!c.hidden} onChange={() => p.onToggleColumn(c.name)} data-testid="column-toggle" data-column={c.name} /> {c.name}</label>
          ))}
        </div>
      </details>
      <span className="spacer" />
      <label className="row small muted" title="Read the table as an API role, with its RLS policies">
        View as
        <select value={p.viewAs?.role ?? 'service'} onChange={(e) => p.onViewAs(e.target.value === 'service' ? null : { role: e.target.value as ViewAsRole, sub: p.viewAs?.sub })} data-testid="view-as-role">
          <option value="service">service (bypasses RLS)</option><option value="anon">anon</option><option value="authenticated">authenticated</option>
        </select>
      </label>
      {p.viewAs?.role === 'authenticated' && (
        <input className="input-small" placeholder="user id (auth.uid())" value={p.viewAs.sub ?? ''} onChange={(e) => p.onViewAs({ role: 'authenticated', sub: e.target.value || undefined })} data-testid="view-as-sub" style={{ width: 200 }} />
      )}
      {p.editable && (
        <>
          <button type="button" className="btn btn-small" onClick={p.onInsert} data-testid="row-insert">+ Row</button>
          <button type="button" className="btn btn-small" onClick={p.onDuplicate} disabled={p.selectedCount !== 1} data-testid="row-duplicate">Duplicate</button>
          <button type="button" className="btn btn-small btn-danger" onClick={p.onDelete} disabled={p.selectedCount === 0} data-testid="row-delete">Delete{p.selectedCount ? ` (${p.selectedCount})` : ''}</button>
          <button type="button" className="btn btn-small" onClick={p.onImport} data-testid="import-csv">Import CSV</button>
        </>
      )}
      <button type="button" className="btn btn-small" onClick={() => p.onExport('csv')} data-testid="export-view-csv">Export CSV</button>
      <button type="button" className="btn btn-small" onClick={() => p.onExport('json')} data-testid="export-view-json">Export JSON</button>
      <button type="button" className="btn btn-small" onClick={p.onStructure} data-testid="structure-open">Structure</button>
    </div>
  );
}
