import { useState } from 'react';
import { useSqlTablesQuery } from '../../../data/sql/sql-tables-query';
import { useTableDetailsQuery, type TableDetails } from '../../../data/sql/sql-table-details-query';
import type { ConstraintSpec, FkAction } from '../../../data/table-editor/types';
import { ColumnPicker } from './ColumnPicker';
import type { Propose } from './propose';

const ACTIONS: FkAction[] = ['no action', 'restrict', 'cascade', 'set null', 'set default'];

/** The keys a foreign key may point at: the referenced table's primary key and unique constraints. */
function useUniqueKeys(schema: string, table: string) {
  const d = useTableDetailsQuery(table ? schema : null, table || null).data;
  if (!d) return [];
  return [...(d.primary_key.length ? [d.primary_key] : []), ...d.unique_constraints.map((u) => u.columns)];
}

function AddConstraint({ details, propose }: { details: TableDetails; propose: Propose }) {
  const [spec, setSpec] = useState<ConstraintSpec>({ kind: 'unique', columns: [] });
  const [ref, setRef] = useState({ schema: details.schema, table: '', key: '' });
  const tables = useSqlTablesQuery().data?.tables.filter((t) => t.kind === 'table' || t.kind === 'partitioned_table') ?? [];
  const keys = useUniqueKeys(ref.schema, ref.table);
  const names = details.columns.map((c) => c.name);
  const build = (): ConstraintSpec => {
    const base = { kind: spec.kind, ...(spec.name ? { name: spec.name } : {}) };
    if (spec.kind === 'check') return { ...base, expression: spec.expression };
    if (spec.kind === 'foreign_key') {
      return { ...base, columns: spec.columns, references: { schema: ref.schema, table: ref.table, columns: ref.key.split(',') }, on_delete: spec.on_delete, on_update: spec.on_update };
    }
    return { ...base, columns: spec.columns };
  };
  const ready = spec.kind === 'check' ? Boolean(spec.expression?.trim()) : (spec.columns?.length ?? 0) > 0 && (spec.kind !== 'foreign_key' || Boolean(ref.key));
  return (
    <div className="stack definition-form" data-testid="constraint-form">
      <div className="row">
        <select value={spec.kind} onChange={(e) => setSpec({ kind: e.target.value as ConstraintSpec['kind'], columns: [] })} data-testid="constraint-kind">
          <option value="primary_key">Primary key</option><option value="unique">Unique</option><option value="check">Check</option><option value="foreign_key">Foreign key</option>
        </select>
        <input className="input-small" placeholder="name (optional)" value={spec.name ?? ''} onChange={(e) => setSpec({ ...spec, name: e.target.value || undefined })} data-testid="constraint-name" />
      </div>
      {spec.kind === 'check'
        ? <input className="input-small mono" placeholder="price > 0" value={spec.expression ?? ''} onChange={(e) => setSpec({ ...spec, expression: e.target.value })} data-testid="constraint-expression" />
        : <ColumnPicker columns={names} value={spec.columns ?? []} onChange={(columns) => setSpec({ ...spec, columns })} testId="constraint-columns" />}
      {spec.kind === 'foreign_key' && (
        <div className="row">
          references
          <select value={`${ref.schema}.${ref.table}`} onChange={(e) => { const t = tables.find((x) => `${x.schema}.${x.name}` === e.target.value); setRef({ schema: t?.schema ?? details.schema, table: t?.name ?? '', key: '' }); }} data-testid="fk-table">
            <option value={`${details.schema}.`}>table…</option>
            {tables.map((t) => <option key={`${t.schema}.${t.name}`} value={`${t.schema}.${t.name}`}>{t.schema}.{t.name}</option>)}
          </select>
          <select value={ref.key} onChange={(e) => setRef({ ...ref, key: e.target.value })} data-testid="fk-key">
            <option value="">key…</option>
            {keys.map((k) => <option key={k.join(',')} value={k.join(',')}>({k.join(', ')})</option>)}
          </select>
          on delete <select value={spec.on_delete ?? 'no action'} onChange={(e) => setSpec({ ...spec, on_delete: e.target.value as FkAction })} data-testid="fk-on-delete">{ACTIONS.map((a) => <option key={a}>{a}</option>)}</select>
          on update <select value={spec.on_update ?? 'no action'} onChange={(e) => setSpec({ ...spec, on_update: e.target.value as FkAction })} data-testid="fk-on-update">{ACTIONS.map((a) => <option key={a}>{a}</option>)}</select>
        </div>
      )}
      <div><button type="button" className="btn btn-small" disabled={!ready} data-testid="constraint-add"
        onClick={() => propose({ op: { schema: details.schema, table: details.name, op: 'add_constraint', constraint: build() }, title: 'Add constraint', after: () => setSpec({ kind: spec.kind, columns: [] }) })}>Add constraint…</button></div>
    </div>
  );
}

export function ConstraintsTab({ details, propose }: { details: TableDetails; propose: Propose }) {
  const pkName = details.indexes.find((i) => i.is_primary)?.name ?? null;
  const rows = [
    ...(details.primary_key.length ? [{ name: pkName ?? 'primary key', kind: 'PRIMARY KEY', definition: `PRIMARY KEY (${details.primary_key.join(', ')})` }] : []),
    ...details.unique_constraints.map((c) => ({ name: c.name, kind: 'UNIQUE', definition: c.definition })),
    ...details.check_constraints.map((c) => ({ name: c.name, kind: 'CHECK', definition: c.definition })),
    ...details.foreign_keys.map((f) => ({ name: f.name, kind: 'FOREIGN KEY', definition: f.definition })),
  ];
  return (
    <div data-testid="definition-constraints">
      <table className="data small">
        <thead><tr><th>Name</th><th>Kind</th><th>Definition</th><th /></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-testid="constraint-row" data-name={r.name}>
              <td>{r.name}</td><td>{r.kind}</td><td><code>{r.definition}</code></td>
              <td><button type="button" className="btn btn-small btn-danger" data-testid="constraint-drop"
                onClick={() => propose({ op: { schema: details.schema, table: details.name, op: 'drop_constraint', name: r.name }, title: `Drop constraint ${r.name}`, danger: true })}>Drop</button></td>
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={4} className="muted">No constraints.</td></tr>}
        </tbody>
      </table>
      <AddConstraint details={details} propose={propose} />
    </div>
  );
}
