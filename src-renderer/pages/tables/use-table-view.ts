// State of one open table: the view (sort, filters, search, page, size — kept in the URL), column layout (kept in
// localStorage), selection and the pending edit queue; derives the grid's columns and rows from the browse result,
// table details and pending edits.
import { useMemo, useState } from 'react';
import { ApiRequestError } from '../../lib/api';
import { navigate, useLocation, useNavigationGuard } from '../../lib/router';
import { useTableDetailsQuery, type TableDetails } from '../../data/sql/sql-table-details-query';
import { useTableRowsApplyMutation } from '../../data/table-editor/table-rows-apply-mutation';
import { useTableRowsQuery } from '../../data/table-editor/table-rows-query';
import type { BrowseParams, BrowseResult, EditErrorDetail, Filter, Page, SortTerm, ViewAsRole } from '../../data/table-editor/types';
import { emptyEdits, pkOf, rowKeyOf, toEdits, countEdits, type EditRef, type PendingEdits } from './edits.utils';
import type { CellRef, GridColumn, GridRow } from './grid-types';
import { useGridLayout } from './use-grid-layout';
import { editorKind } from './values.utils';
import { readView, writeView, type ViewState } from './view-url.utils';

function gridColumns(details: TableDetails | undefined, result: BrowseResult | undefined, widths: Record<string, number>, hidden: Set<string>): GridColumn[] {
  if (!details) {
    // The rows can arrive before the table details (both are requested at once): show them with what they carry.
    return (result?.columns ?? []).filter((c) => !hidden.has(c.name)).map((c) => ({
      name: c.name, type: c.type, isPk: c.is_pk, nullable: c.nullable, hasDefault: false, required: false, generated: false, kind: 'text' as const, enumValues: null, fk: null,
      width: widths[c.name] ?? (c.udt === 'text' || c.udt === 'jsonb' ? 220 : 150),
    }));
  }
  const fks = new Map<string, GridColumn['fk']>();
  for (const fk of details.foreign_keys) {
    if (fk.columns.length === 1) fks.set(fk.columns[0], { schema: fk.referenced_schema, table: fk.referenced_table, column: fk.referenced_columns[0] });
  }
  return details.columns.filter((c) => !hidden.has(c.name)).map((c) => {
    const hasDefault = c.default !== null || c.is_identity;
    return {
      name: c.name, type: result?.columns.find((r) => r.name === c.name)?.type ?? c.data_type, isPk: c.is_primary_key, nullable: c.nullable,
      hasDefault, required: !c.nullable && !hasDefault && !c.is_generated, generated: c.is_generated,
      kind: editorKind(c), enumValues: c.enum_values ?? c.array_element_enum_values, fk: fks.get(c.name) ?? null,
      width: widths[c.name] ?? (c.udt_name === 'text' || c.udt_name === 'jsonb' ? 220 : 150),
    };
  });
}

export function useTableView(schema: string, table: string) {
  const location = useLocation();
  const view = readView(location.search);
  const setView = (patch: Partial<ViewState>) => navigate(location.pathname + writeView({ ...view, ...patch }), { replace: true });
  const details = useTableDetailsQuery(schema, table);
  const [exact, setExact] = useState(false);
  // `?view_as=<user id>`: the Authentication page's impersonation opens the table as that user.
  const [viewAs, setViewAs] = useState<{ role: ViewAsRole; sub?: string } | null>(() => {
    const sub = location.search.get('view_as');
    return sub ? { role: 'authenticated', sub } : null;
  });
  const layout = useGridLayout(schema, table);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<PendingEdits>(emptyEdits());
  const [editing, setEditing] = useState<CellRef | null>(null);
  const [applyError, setApplyError] = useState<{ error: unknown; ref: EditRef | null; column: string | null } | null>(null);
  const apply = useTableRowsApplyMutation();
  const pendingCount = countEdits(pending);
  useNavigationGuard(pendingCount > 0 ? `${pendingCount} unsaved change${pendingCount === 1 ? '' : 's'} to ${schema}.${table} will be lost.` : null, { unload: true });

  const complete = view.filters.filter((f) => f.column && (f.value !== '' || f.op === 'is'));
  const params: BrowseParams = { schema, table, limit: view.size, sort: view.sort, filters: complete, search: view.search, page: view.page, count: exact ? 'exact' : 'estimated', viewAs };
  const rows = useTableRowsQuery(params);
  const pkColumns = details.data?.primary_key ?? rows.data?.columns.filter((c) => c.is_pk).map((c) => c.name) ?? [];
  const editable = Boolean(details.data && (details.data.kind === 'table' || details.data.kind === 'partitioned_table') && pkColumns.length > 0 && !viewAs);

  const resetPage = (patch: Partial<ViewState>) => {
    setSelected(new Set());
    setView({ ...patch, page: { kind: 'first' } });
  };
  const columns = useMemo(() => gridColumns(details.data, rows.data, layout.widths, layout.hidden), [details.data, rows.data, layout.widths, layout.hidden]);

  const gridRows = useMemo<GridRow[]>(() => {
    // Newest inserted row first, at the top of the grid.
    const out: GridRow[] = [...pending.inserts].reverse().map((r) => ({
      key: `insert:${r.id}`, kind: 'insert', values: r.values, original: {}, pk: null, insertId: r.id, deleted: false,
      changed: new Set(Object.keys(r.values)), truncated: new Set(),
    }));
    const data = rows.data;
    if (!data) return out;
    const truncatedByRow = new Map<number, Set<string>>();
    for (const t of data.truncated) truncatedByRow.set(t.row, (truncatedByRow.get(t.row) ?? new Set()).add(t.column));
    data.rows.forEach((r, i) => {
      const pk = pkColumns.length ? pkOf(r, pkColumns) : null;
      const key = pk ? rowKeyOf(pk) : `row:${i}`;
      const set = pending.updates[key]?.set ?? {};
      out.push({ key, kind: 'row', values: { ...r, ...set }, original: r, pk, deleted: Boolean(pending.deletes[key]), changed: new Set(Object.keys(set)), truncated: truncatedByRow.get(i) ?? new Set() });
    });
    return out;
  }, [rows.data, pending, pkColumns]);

  const cellError = useMemo(() => {
    if (!applyError?.ref) return null;
    const ref = applyError.ref;
    const rowKey = ref.kind === 'insert' ? `insert:${ref.id}` : ref.rowKey;
    const column = applyError.column ?? columns[0]?.name ?? '';
    return { rowKey, column, message: applyError.error instanceof Error ? applyError.error.message : String(applyError.error) };
  }, [applyError, columns]);

  const save = () => {
    const { edits, refs } = toEdits(pending);
    if (!edits.length) return;
    setApplyError(null);
    apply.mutate({ schema, table, edits }, {
      onSuccess: () => { setPending(emptyEdits()); setSelected(new Set()); },
      onError: (error) => {
        const d = (error instanceof ApiRequestError ? error.detail : null) as EditErrorDetail | null;
        setApplyError({ error, ref: d?.edit !== undefined ? refs[d.edit] ?? null : null, column: d?.column ?? null });
      },
    });
  };

  return {
    details, rows, params, columns, gridRows, editable, pkColumns, view,
    sort: view.sort, setSort: (sort: SortTerm[]) => resetPage({ sort }),
    filters: view.filters, setFilters: (filters: Filter[]) => resetPage({ filters }),
    search: view.search, setSearch: (search: string) => resetPage({ search }),
    setPage: (page: Page) => setView({ page }),
    setSize: (size: number) => resetPage({ size }),
    exact, setExact,
    viewAs, setViewAs: (v: typeof viewAs) => { setViewAs(v); resetPage({}); },
    layout, selected, setSelected,
    pending, setPending, pendingCount, editing, setEditing,
    applyError, setApplyError, cellError, save, saving: apply.isPending,
  };
}
