import type { TableSummary } from '../../data/sql/types';

/** A select of the active database's tables, or two text fields when the table list is unavailable. */
export function TablePicker({ tables, schema, table, onChange }: {
  tables: TableSummary[] | undefined;
  schema: string;
  table: string;
  onChange: (schema: string, table: string) => void;
}) {
  const choices = tables?.filter((t) => t.kind === 'table' || t.kind === 'partitioned_table' || t.kind === 'r' || t.kind === 'p');
  if (choices && choices.length > 0) {
    const value = table ? `${schema}.${table}` : '';
    return (
      <label>Table
        <select value={value} onChange={(e) => {
          const t = choices.find((c) => `${c.schema}.${c.name}` === e.target.value);
          if (t) onChange(t.schema, t.name);
        }} data-testid="webhook-table-select">
          <option value="" disabled>Choose a table…</option>
          {choices.map((t) => <option key={`${t.schema}.${t.name}`} value={`${t.schema}.${t.name}`}>{t.schema}.{t.name}</option>)}
        </select>
      </label>
    );
  }
  return (
    <div className="fields">
      <label>Schema
        <input value={schema} onChange={(e) => onChange(e.target.value, table)} data-testid="webhook-schema-input" />
      </label>
      <label>Table
        <input value={table} placeholder="table name" onChange={(e) => onChange(schema, e.target.value)} data-testid="webhook-table-input" />
      </label>
    </div>
  );
}
