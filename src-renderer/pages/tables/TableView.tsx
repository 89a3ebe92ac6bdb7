import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTableExportMutation } from '../../data/table-editor/table-export';
import type { Filter, SortTerm } from '../../data/table-editor/types';
import { download } from '../sql/sql-export.utils';
import { DataGrid } from './DataGrid';
import { DefinitionPanel } from './definition/DefinitionPanel';
import { emptyReason } from './definition/rls.utils';
import { addInsert, emptyEdits, removeInsert, setCell, setInsertCell, toggleDelete } from './edits.utils';
import { FilterBar } from './FilterBar';
import { GridToolbar } from './GridToolbar';
import type { GridColumn, GridRow } from './grid-types';
import { ImportCsvDialog } from './ImportCsvDialog';
import { PagingBar } from './PagingBar';
import { applyPaste } from './paste.utils';
import { SideEditor } from './SideEditor';
import { useGridKeys } from './use-grid-keys';
import { useTableView } from './use-table-view';
import { useInsertWebhooks, WebhookFloodWarning } from './WebhookFloodWarning';

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
  onOpenTable: (schema: string, table: string, filter: Filter | null) => void;
  onDropped: () => void;
}

export function TableView({ schema, table, onOpenTable, onDropped }: Props) {
  const v = useTableView(schema, table);
  const exporter = useTableExportMutation();
  const [importing, setImporting] = useState(false);
  const [large, setLarge] = useState<{ row: GridRow; column: GridColumn } | null>(null);
  const [structure, setStructure] = useState(false);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const [floodOk, setFloodOk] = useState(false);
  const insertHooks = useInsertWebhooks(schema, table);
  const newRows = v.pending.inserts.length;
  const floodBlocked = insertHooks.length > 0 && newRows >= 2 && !floodOk;
  const gridRef = useRef<HTMLDivElement>(null);
  const d = v.details.data;
  const r = v.rows.data;

  const keys = useGridKeys({
    gridRef, rows: v.gridRows, columns: v.columns, editable: v.editable,
    startEdit: (row, col) => v.setEditing({ rowKey: row.key, column: col.name }),
    paste: (block, start) => {
      const result = applyPaste(v.pending, block, v.gridRows, v.columns, start);
      if ('error' in result) return `Nothing pasted: ${result.error}`;
      v.setPending(result.pending);
      return `Pasted ${block.length} line${block.length === 1 ? '' : 's'}: ${result.updated} row${result.updated === 1 ? '' : 's'} changed, ${result.inserted} new row${result.inserted === 1 ? '' : 's'} (pending until saved)`;
    },
  });

  // "Go to row": once the page holding it has loaded, put the cursor on it.
  useEffect(() => {
    if (focusRow === null || !r || v.rows.isFetching) return;
    const index = v.pending.inserts.length + focusRow - r.offset;
    if (index >= 0 && index < v.gridRows.length) keys.onCellDown({ row: index, col: 0 }, false);
    setFocusRow(null);
    gridRef.current?.focus();
  }, [focusRow, r, v.rows.isFetching]);

  const stopEditing = () => {
    v.setEditing(null);
    gridRef.current?.focus();
  };
  const commit = (row: GridRow, col: GridColumn, value: unknown) => {
    v.setPending((p) => (row.kind === 'insert' ? setInsertCell(p, row.insertId!, col.name, value) : setCell(p, row.pk!, col.name, value, row.original[col.name])));
    stopEditing();
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
  const whyEmpty = v.viewAs && d && r && r.rows.length === 0 && v.filters.length === 0 && !v.search ? emptyReason(d, v.viewAs.role) : null;
  const size = v.view.size;

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
      {d?.rls_warning && <div className="notice" data-testid="rls-warning">⚠ {d.rls_warning}. Enable RLS in Structure → RLS policies and add policies.</div>}
      {d?.view_rls_warning && !structure && <div className="notice" data-testid="view-rls-warning-banner">⚠ {d.view_rls_warning} (Structure has the fix.)</div>}
      <GridToolbar search={v.search} onSearch={v.setSearch} filterCount={v.filters.length} viewAs={v.viewAs} onViewAs={v.setViewAs}
        onAddFilter={() => v.setFilters([...v.filters, { column: d?.columns[0]?.name ?? '', op: 'eq', negate: false, value: '' }])}
        editable={v.editable} selectedCount={v.selected.size} onInsert={() => v.setPending((p) => addInsert(p))} onDuplicate={duplicate} onDelete={deleteSelected}
        onImport={() => setImporting(true)} onExport={exportView} onStructure={() => setStructure(!structure)}
        columns={(d?.columns ?? []).map((c) => ({ name: c.name, hidden: v.layout.hidden.has(c.name) }))} onToggleColumn={v.layout.toggleHidden} />
      {v.filters.length > 0 && <FilterBar columns={(d?.columns ?? []).map((c) => c.name)} filters={v.filters} onChange={v.setFilters} />}
      {structure && d && <DefinitionPanel details={d} onDropped={onDropped} />}
      {v.rows.error && <ErrorNotice error={v.rows.error} testId="grid-error" />}
      {exporter.error && <ErrorNotice error={exporter.error} />}
      {v.applyError && <ErrorNotice error={v.applyError.error} testId="edits-error" />}
      {whyEmpty && <div className="notice" data-testid="view-as-empty-reason">{whyEmpty}</div>}
      {keys.notice && <div className="notice notice-ok grid-notice" data-testid="grid-notice">{keys.notice}</div>}
      {newRows >= 2 && <WebhookFloodWarning schema={schema} table={table} rows={newRows} acknowledged={floodOk} onAcknowledge={setFloodOk} />}
      <PagingBar result={r} fetching={v.rows.isFetching} pending={v.pendingCount} saving={v.saving} saveBlocked={floodBlocked} onSave={v.save}
        onDiscard={() => { v.setPending(emptyEdits()); v.setApplyError(null); }}
        size={size} onSize={v.setSize}
        onGoToRow={(n) => { v.setPage({ kind: 'offset', offset: Math.floor((n - 1) / size) * size }); setFocusRow(n - 1); }}
        onFirst={() => v.setPage({ kind: 'first' })} onLast={() => v.setPage({ kind: 'last' })}
        onNext={() => r && (r.keyset && r.cursor.last ? v.setPage({ kind: 'after', cursor: r.cursor.last }) : v.setPage({ kind: 'offset', offset: r.offset + r.limit }))}
        onPrev={() => r && (r.keyset && r.cursor.first ? v.setPage({ kind: 'before', cursor: r.cursor.first }) : v.setPage({ kind: 'offset', offset: Math.max(0, r.offset - r.limit) }))}
        onExactCount={() => v.setExact(true)} />
      <DataGrid gridRef={gridRef} scrollKey={`${r?.cursor.first}:${r?.cursor.last}:${r?.offset}`} scrollTo={v.params.page.kind === 'last' ? 'bottom' : 'top'} columns={v.columns} rows={v.gridRows}
        sort={v.sort} onSort={(c, add) => v.setSort(nextSort(v.sort, c, add))} onResize={v.layout.resize} selected={v.selected}
        onToggleSelect={(k) => v.setSelected((s) => { const n = new Set(s); if (n.has(k)) n.delete(k); else n.add(k); return n; })}
        editable={v.editable} editing={v.editing} onStartEdit={v.setEditing} onCommit={commit} onCancelEdit={stopEditing}
        onCommitMove={(row, col, value, move) => { commit(row, col, value); keys.advance(move); }}
        onDefault={(row, col) => { v.setPending((p) => setInsertCell(p, row.insertId!, col.name, undefined)); stopEditing(); }}
        cellError={v.cellError} onOpenLarge={(row, column) => setLarge({ row, column })}
        onOpenFk={(col, value) => onOpenTable(col.fk!.schema, col.fk!.table, { column: col.fk!.column, op: 'eq', negate: false, value: String(value) })}
        cursor={keys.cursor} range={keys.range} onCellDown={keys.onCellDown} onKeyDown={keys.onKeyDown} />
      {importing && d && <ImportCsvDialog details={d} onClose={() => setImporting(false)} />}
      {large && (
        <SideEditor schema={schema} table={table} row={large.row} column={large.column} viewAs={v.viewAs} editable={v.editable && large.row.kind === 'row'}
          onSave={(value) => { commit(large.row, large.column, value); setLarge(null); }} onClose={() => setLarge(null)} />
      )}
    </div>
  );
}
