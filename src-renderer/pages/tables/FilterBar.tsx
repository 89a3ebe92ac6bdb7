import { FILTER_OPS, type Filter } from '../../data/table-editor/types';

/** Filters with the REST API's operators (column.[not.]op.value); `in` takes (a,b), `is` takes null/true/false. */
export function FilterBar({ columns, filters, onChange }: { columns: string[]; filters: Filter[]; onChange: (f: Filter[]) => void }) {
  const update = (i: number, patch: Partial<Filter>) => onChange(filters.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  return (
    <div className="filter-bar" data-testid="filter-bar">
      {filters.map((f, i) => (
        <div key={i} className="row filter-row" data-testid="filter-row">
          <select value={f.column} onChange={(e) => update(i, { column: e.target.value })} data-testid="filter-column">
            {columns.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
          <label className="small row"><input type="checkbox" checked={f.negate} onChange={(e) => update(i, { negate: e.target.checked })} data-testid="filter-not" /> not</label>
          <select value={f.op} onChange={(e) => update(i, { op: e.target.value as Filter['op'] })} data-testid="filter-op">
            {FILTER_OPS.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
          <input className="input-small" value={f.value} placeholder={f.op === 'in' ? '(a,b,c)' : f.op === 'is' ? 'null' : 'value'} onChange={(e) => update(i, { value: e.target.value })} data-testid="filter-value" />
          <button type="button" className="btn btn-small" onClick={() => onChange(filters.filter((_f, k) => k !== i))} data-testid="filter-remove">✕</button>
        </div>
      ))}
    </div>
  );
}
