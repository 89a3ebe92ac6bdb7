import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSqlTablesQuery } from '../../data/sql/sql-tables-query';
import type { Filter } from '../../data/table-editor/types';
import { navigate, useLocation } from '../../lib/router';
import { useDebounced } from '../../lib/use-debounced';
import { CreateTableDialog } from './CreateTableDialog';
import { TableList } from './TableList';
import { TableView } from './TableView';
import { tablePath } from './table-path';
import '../../components/studio/ui.css';
import './tables.css';


export default function TablesPage() {
  const { pathname } = useLocation();
  const [, , rawSchema, rawTable] = pathname.split('/');
  const selected = rawSchema && rawTable ? { schema: decodeURIComponent(rawSchema), table: decodeURIComponent(rawTable) } : null;
  const [schema, setSchema] = useState(selected?.schema ?? 'public');
  const [q, setQ] = useState('');
  const debounced = useDebounced(q);
  const tables = useSqlTablesQuery(debounced);
  const [creating, setCreating] = useState(false);
  const open = (s: string, t: string, f?: Filter | null, force = false) => { setSchema(s); navigate(tablePath(s, t, f), { force }); };
  return (
    <section className="tables-page" data-testid="tables-page">
      <TableList schemas={tables.data?.schemas ?? [{ name: 'public', exposed: true }]} tables={tables.data?.tables ?? []} schema={schema} onSchema={setSchema}
        search={q} onSearch={setQ} selected={selected} onSelect={(t) => open(t.schema, t.name)} onCreate={() => setCreating(true)} />
      <div className="tables-main">
        {tables.error && <ErrorNotice error={tables.error} />}
        {selected
          ? <TableView key={`${selected.schema}.${selected.table}`} schema={selected.schema} table={selected.table}
              onOpenTable={open} onDropped={() => navigate('/tables', { force: true })} />
          : <p className="muted" data-testid="tables-empty">Pick a table, or create one.</p>}
      </div>
      {creating && <CreateTableDialog schema={schema} tables={tables.data?.tables ?? []} onClose={() => setCreating(false)} onCreated={(name) => { setCreating(false); open(schema, name, null, true); }} />}
    </section>
  );
}
