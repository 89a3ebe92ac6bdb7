import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSqlTablesQuery } from '../../data/sql/sql-tables-query';
import type { Filter } from '../../data/table-editor/types';
import { FILTER_OPS } from '../../data/table-editor/types';
import { navigate, useLocation } from '../../lib/router';
import { useDebounced } from '../../lib/use-debounced';
import { CreateTableDialog } from './CreateTableDialog';
import { TableList } from './TableList';
import { TableView } from './TableView';
import '../../components/studio/ui.css';
import './tables.css';

/** `col.[not.]op.value` from the URL (FK and "referenced by" jumps). */
function parseFilter(raw: string): Filter | null {
  const m = new RegExp(`^(.+?)\\.(not\\.)?(${FILTER_OPS.join('|')})\\.([\\s\\S]*)$`).exec(raw);
  return m ? { column: m[1], negate: Boolean(m[2]), op: m[3] as Filter['op'], value: m[4] } : null;
}

export const tablePath = (schema: string, table: string, filter?: Filter | null) =>
  `/tables/${encodeURIComponent(schema)}/${encodeURIComponent(table)}${filter ? `?filter=${encodeURIComponent(`${filter.column}.${filter.negate ? 'not.' : ''}${filter.op}.${filter.value}`)}` : ''}`;

export default function TablesPage() {
  const { pathname, search } = useLocation();
  const [, , rawSchema, rawTable] = pathname.split('/');
  const selected = rawSchema && rawTable ? { schema: decodeURIComponent(rawSchema), table: decodeURIComponent(rawTable) } : null;
  const [schema, setSchema] = useState(selected?.schema ?? 'public');
  const [q, setQ] = useState('');
  const debounced = useDebounced(q);
  const tables = useSqlTablesQuery(debounced);
  const [creating, setCreating] = useState(false);
  const filters = search.getAll('filter').map(parseFilter).filter((f): f is Filter => f !== null);
  const open = (s: string, t: string, f?: Filter | null) => { setSchema(s); navigate(tablePath(s, t, f)); };
  return (
    <section className="tables-page" data-testid="tables-page">
      <TableList schemas={tables.data?.schemas ?? [{ name: 'public', exposed: true }]} tables={tables.data?.tables ?? []} schema={schema} onSchema={setSchema}
        search={q} onSearch={setQ} selected={selected} onSelect={(t) => open(t.schema, t.name)} onCreate={() => setCreating(true)} />
      <div className="tables-main">
        {tables.error && <ErrorNotice error={tables.error} />}
        {selected
          ? <TableView key={`${selected.schema}.${selected.table}?${search.toString()}`} schema={selected.schema} table={selected.table} initialFilters={filters} initialViewAs={search.get('view_as')}
              onOpenTable={open} onDropped={() => navigate('/tables')} />
          : <p className="muted" data-testid="tables-empty">Pick a table, or create one.</p>}
      </div>
      {creating && <CreateTableDialog schema={schema} tables={tables.data?.tables ?? []} onClose={() => setCreating(false)} onCreated={(name) => { setCreating(false); open(schema, name); }} />}
    </section>
  );
}
