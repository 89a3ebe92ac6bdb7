import { useState } from 'react';
import type { TableDetails } from '../../../data/sql/sql-table-details-query';
import type { IndexMethod } from '../../../data/table-editor/types';
import { formatBytes } from '../../../lib/format';
import { ColumnPicker } from './ColumnPicker';
import type { Propose } from './propose';

const METHODS: IndexMethod[] = ['btree', 'hash', 'gin', 'gist', 'brin'];

export function IndexesTab({ details, propose }: { details: TableDetails; propose: Propose }) {
  const [form, setForm] = useState({ name: '', columns: [] as string[], method: 'btree' as IndexMethod, unique: false, where: '' });
  const t = { schema: details.schema, table: details.name };
  return (
    <div data-testid="definition-indexes">
      <table className="data small">
        <thead><tr><th>Name</th><th>Columns</th><th>Method</th><th>Unique</th><th>Partial</th><th>Size</th><th /></tr></thead>
        <tbody>
          {details.indexes.map((i) => (
            <tr key={i.name} data-testid="index-row" data-name={i.name} title={i.definition}>
              <td>{i.name}</td><td><code>{i.columns.join(', ')}</code></td><td>{i.method}</td><td>{i.is_unique ? 'yes' : ''}</td>
              <td><code>{i.predicate ?? ''}</code></td><td>{formatBytes(i.size_bytes)}</td>
              <td>{!i.is_primary && <button type="button" className="btn btn-small btn-danger" data-testid="index-drop"
                onClick={() => propose({ op: { ...t, op: 'drop_index', name: i.name }, title: `Drop index ${i.name}`, danger: true })}>Drop</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="stack definition-form">
        <div className="row">
          <input className="input-small" placeholder="name (optional)" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="index-name" />
          <select value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value as IndexMethod })} data-testid="index-method">{METHODS.map((m) => <option key={m}>{m}</option>)}</select>
          <label className="small row"><input type="checkbox" checked={form.unique} onChange={(e) => setForm({ ...form, unique: e.target.checked })} data-testid="index-unique" /> unique</label>
          <input className="input-small mono" placeholder="partial: WHERE … (optional)" value={form.where} onChange={(e) => setForm({ ...form, where: e.target.value })} data-testid="index-where" style={{ width: 240 }} />
        </div>
        <ColumnPicker columns={details.columns.map((c) => c.name)} value={form.columns} onChange={(columns) => setForm({ ...form, columns })} testId="index-columns" />
        <div><button type="button" className="btn btn-small" disabled={form.columns.length === 0} data-testid="index-add"
          onClick={() => propose({
            op: { ...t, op: 'create_index', index: { columns: form.columns, method: form.method, unique: form.unique, ...(form.name ? { name: form.name } : {}), ...(form.where.trim() ? { where: form.where } : {}) } },
            title: 'Create index', after: () => setForm({ name: '', columns: [], method: 'btree', unique: false, where: '' }),
          })}>Create index…</button></div>
      </div>
    </div>
  );
}
