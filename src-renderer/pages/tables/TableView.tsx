import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTableExportMutation } from '../../data/table-editor/table-export';
import type { Filter, SortTerm } from '../../data/table-editor/types';
import { download } from '../sql/sql-export.utils';
import { DataGrid } from './DataGrid';
import { addInsert, removeInsert, setCell, setInsertCell, toggleDelete } from './edits.utils';
import { FilterBar } from './FilterBar';
import { GridToolbar } from './GridToolbar';
import type { GridColumn, GridRow } from './grid-types';
import { ImportCsvDialog } from './ImportCsvDialog';
import { PagingBar } from './PagingBar';
import { SideEditor } from './SideEditor';
import { StructurePanel } from './StructurePanel';
import { useTableView } from './use-table-view';

export function nextSort(sort: SortTerm[], column: string, additive: boolean): SortTerm[] {
  const current = sort.find((s) => s.column === column);
  const flipped: SortTerm | null = !current ? { column, direction: 'asc' } : current.direction === 'asc' ? { column, direction: 'desc' } : null;
  if (!additive) return flipped ? [flipped] : [];
  if (!current) return [...sort, flipped!];
  return flipped ? sort.map((s) => (s.column === column ? flipped : s)) : sort.filter((s) => s.column !== column);
}

interface Props {
  schema: string;
  table: string;
  initialFilters: Filter[];
  /** A user id to view the table as (the Authentication page's impersonation). */
  initialViewAs?: string | null;
  onOpenTable: (schema: string, table: string, filter: Filter | null) => void;
  onDropped: () => void;
}

export function TableView({ schema, table, initialFilters, initialViewAs, onOpenTable, onDropped }: Props) {
  const v = useTableView(schema, table, initialFilters, initialViewAs ? { role: 'authenticated', sub: initialViewAs } : null);
  const exporter = useTableExportMutation();
  const [importing, setImporting] = useState(false);
  const [large, setLarge] = useState<{ row: GridRow; column: GridColumn } | null>(null);
  const [structure, setStructure] = useState(false);
  const d = v.details.data;
  const r = v.rows.data;

  const commit = (row: GridRow, col: GridColumn, value: unknown) => {
    v.setPending((p) => (row.kind === 'insert' ? setInsertCell(p, row.insertId!, col.name, value) : setCell(p, row.pk!, col.name, value, row.original[col.name])));
    v.setEditing(null);
  };
  const selectedRows = v.gridRows.filter((g) => v.selected.has(g.key));
  const deleteSelected = () => {
    v.setPending((p) => selectedRows.reduce((acc, g) => (g.kind === 'insert' ? removeInsert(acc, g.insertId!) : toggleDelete(acc, g.pk!, !g.deleted)), p));
    v.setSelected(new Set());
  };
  const duplicate = () => {
    const src = selectedRows[0];
    if (!src || !d) return;
    const values = Object.fromEntries(d.columns.filter((c) => !c.is_primary_key && !c.is_identity && !c.is_generated && !src.truncated.has(c.name)).map((c) => [c.name, src.values[c.name]]));
    v.setPending((p) => addInsert(p, values));
  };
  const exportView = (format: 'csv' | 'json') => exporter.mutate({ params: v.params, format }, { onSuccess: ({ blob, filename }) => blob.text().then((t) => download(t, filename, blob.type)) });
  const referencing = selectedRows.length === 1 && selectedRows[0].kind === 'row' ? d?.referenced_by ?? [] : [];

  if (v.details.error) return <ErrorNotice error={v.details.error} />;
  return (
    <div className="table-view" data-testid="table-view" data-table={table}>
      <div className="toolbar">
        <h1 style={{ margin: 0, fontSize: 18 }} data-testid="table-title">{schema}.{table}</h1>
        {d && <span className={`badge ${d.rls.enabled ? 'badge-ok' : 'badge-muted'}`} data-testid="table-rls">RLS {d.rls.enabled ? 'on' : 'off'}</span>}
        {v.viewAs && <span className="badge badge-info" data-testid="view-as-badge">viewing as {v.viewAs.role}{v.viewAs.sub ? ` (${v.viewAs.sub})` : ''}: read-only</span>}
        {referencing.length > 0 && (
          <select value="" onChange={(e) => { const fk = referencing[Number(e.target.value)]; const row = selectedRows[0]; onOpenTable(fk.schema, fk.table, { column: fk.columns[0], op: 'eq', negate: false, value: String(row.values[fk.referenced_columns[0]]) }); }} data-testid="referenced-by">
            <option value="">Referenced by…</option>
            {referencing.map((fk, i) => <option key={fk.name} value={i}>{fk.schema}.{fk.table} ({fk.columns.join(', ')})</option>)}
          </select>
        )}
      </div>
      {d?.rls_warning && <div className="notice" data-testid="rls-warning">⚠ {d.rls_warning}. Enable RLS in Structure and add policies.</div>}
      <GridToolbar search={v.search} onSearch={v.setSearch} filterCount={v.filters.length} viewAs={v.viewAs} onViewAs={v.setViewAs}
        onAddFilter={() => v.setFilters([...v.filters, { column: d?.columns[0]?.name ?? '', op: 'eq', negate: false, value: '' }])}
        editable={v.editable} selectedCount={v.selected.size} onInsert={() => v.setPending((p) => addInsert(p))} onDuplicate={duplicate} onDelete={deleteSelected}
        onImport={() => setImporting(true)} onExport={exportView} onStructure={() => setStructure(!structure)}
        columns={(d?.columns ?? []).map((c) => ({ name: c.name, hidden: v.hidden.has(c.name) }))}
        onToggleColumn={(name) => v.setHidden((h) => { const n = new Set(h); if (n.has(name)) n.delete(name); else n.add(name); return n; })} />
      {v.filters.length > 0 && <FilterBar columns={(d?.columns ?? []).map((c) => c.name)} filters={v.filters} onChange={v.setFilters} />}
      {structure && d && <StructurePanel details={d} onDropped={onDropped} />}
      {v.rows.error && <ErrorNotice error={v.rows.error} testId="grid-error" />}
      {exporter.error && <ErrorNotice error={exporter.error} />}
      {v.applyError && <ErrorNotice error={v.applyError.error} testId="edits-error" />}
      <PagingBar result={r} fetching={v.rows.isFetching} pending={v.pendingCount} saving={v.saving} onSave={v.save}
        onDiscard={() => { v.setPending({ updates: {}, inserts: [], deletes: {} }); v.setApplyError(null); }}
        onFirst={() => v.setPage({ kind: 'first' })} onLast={() => v.setPage({ kind: 'last' })}
        onNext={() => r?.cursor.last && v.setPage(r.keyset ? { kind: 'after', cursor: r.cursor.last } : { kind: 'first' })}
        onPrev={() => r?.cursor.first && v.setPage({ kind: 'before', cursor: r.cursor.first })} onExactCount={() => v.setExact(true)} />
      <DataGrid scrollKey={`${r?.cursor.first}:${r?.cursor.last}`} scrollTo={v.params.page.kind === 'last' ? 'bottom' : 'top'} columns={v.columns} rows={v.gridRows} sort={v.sort} onSort={(c, add) => v.setSort(nextSort(v.sort, c, add))}
        onResize={(c, w) => v.setWidths((x) => ({ ...x, [c]: w }))} selected={v.selected}
        onToggleSelect={(k) => v.setSelected((s) => { const n = new Set(s); if (n.has(k)) n.delete(k); else n.add(k); return n; })}
        editable={v.editable} editing={v.editing} onStartEdit={v.setEditing} onCommit={commit} onCancelEdit={() => v.setEditing(null)}
        onDefault={(row, col) => { v.setPending((p) => setInsertCell(p, row.insertId!, col.name, undefined)); v.setEditing(null); }}
        cellError={v.cellError} onOpenLarge={(row, column) => setLarge({ row, column })}
        onOpenFk={(col, value) => onOpenTable(col.fk!.schema, col.fk!.table, { column: col.fk!.column, op: 'eq', negate: false, value: String(value) })} />
      {importing && d && <ImportCsvDialog details={d} onClose={() => setImporting(false)} />}
      {large && (
        <SideEditor schema={schema} table={table} row={large.row} column={large.column} viewAs={v.viewAs} editable={v.editable && large.row.kind === 'row'}
          onSave={(value) => { commit(large.row, large.column, value); setLarge(null); }} onClose={() => setLarge(null)} />
      )}
    </div>
  );
}
