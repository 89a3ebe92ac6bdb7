import { useState } from 'react';
import type { DetailColumn, TableDetails } from '../../../data/sql/sql-table-details-query';
import type { DdlOperation } from '../../../data/table-editor/types';
import type { Propose } from './propose';
import { TypePicker } from './TypePicker';

function ColumnRow({ c, t, propose }: { c: DetailColumn; t: { schema: string; table: string }; propose: Propose }) {
  const [name, setName] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const op = (o: DdlOperation, title: string, danger?: boolean) => propose({ op: o, title, danger });
  return (
    <tr data-testid="structure-column" data-column={c.name}>
      <td>
        {name === null ? (
          <button type="button" className="link-btn" title="Rename" onClick={() => setName(c.name)} data-testid="column-rename">{c.is_primary_key && 'PK · '}{c.name}</button>
        ) : (
          <form className="row" onSubmit={(e) => { e.preventDefault(); if (name && name !== c.name) op({ ...t, op: 'rename_column', column: c.name, new_name: name }, `Rename column ${c.name}`); setName(null); }}>
            <input className="input-small" autoFocus value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setName(null)} data-testid="column-rename-input" />
            <button type="submit" className="btn btn-small" data-testid="column-rename-apply">Rename…</button>
          </form>
        )}
      </td>
      <td>
        {type === null ? (
          <button type="button" className="link-btn" title="Change type" onClick={() => setType(c.data_type)} data-testid="column-retype"><code>{c.data_type}</code></button>
        ) : (
          <form className="row" onSubmit={(e) => { e.preventDefault(); if (type && type !== c.data_type) op({ ...t, op: 'alter_column_type', column: c.name, type }, `Change type of ${c.name}`); setType(null); }}>
            <TypePicker value={type} onChange={setType} testId="column-retype-input" />
            <button type="submit" className="btn btn-small" data-testid="column-retype-apply">Change…</button>
            <button type="button" className="btn btn-small" onClick={() => setType(null)}>✕</button>
          </form>
        )}
      </td>
      <td>{c.nullable ? 'yes' : 'no'}</td>
      <td><code>{c.is_identity ? `identity (${c.identity_generation?.toLowerCase()})` : c.default ?? ''}</code></td>
      <td className="row">
        <button type="button" className="btn btn-small" data-testid="column-nullable" onClick={() => op({ ...t, op: 'set_nullable', column: c.name, nullable: !c.nullable }, `${c.nullable ? 'Require' : 'Allow'} NULL in ${c.name}`)}>{c.nullable ? 'Not null' : 'Nullable'}</button>
        <button type="button" className="btn btn-small btn-danger" data-testid="column-drop" onClick={() => op({ ...t, op: 'drop_column', column: c.name }, `Drop column ${c.name}`, true)}>Drop</button>
      </td>
    </tr>
  );
}

export function ColumnsTab({ details, propose }: { details: TableDetails; propose: Propose }) {
  const [col, setCol] = useState({ name: '', type: 'text', nullable: true });
  const t = { schema: details.schema, table: details.name };
  return (
    <div data-testid="definition-columns">
      <table className="data small">
        <thead><tr><th>Column</th><th>Type</th><th>Nullable</th><th>Default</th><th /></tr></thead>
        <tbody>{details.columns.map((c) => <ColumnRow key={c.name} c={c} t={t} propose={propose} />)}</tbody>
      </table>
      <div className="row" style={{ marginTop: 8 }}>
        <input className="input-small" placeholder="new column" value={col.name} onChange={(e) => setCol({ ...col, name: e.target.value })} data-testid="column-add-name" />
        <TypePicker value={col.type} onChange={(type) => setCol({ ...col, type })} testId="column-add-type" />
        <label className="small row"><input type="checkbox" checked={col.nullable} onChange={(e) => setCol({ ...col, nullable: e.target.checked })} /> nullable</label>
        <button type="button" className="btn btn-small" disabled={!col.name} data-testid="column-add"
          onClick={() => propose({ op: { ...t, op: 'add_column', column: { name: col.name, type: col.type, nullable: col.nullable } }, title: `Add column ${col.name}`, after: () => setCol({ name: '', type: 'text', nullable: true }) })}>Add column…</button>
      </div>
    </div>
  );
}
