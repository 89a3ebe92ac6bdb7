import { useState } from 'react';
import type { TableDetails } from '../../data/sql/sql-table-details-query';
import type { DdlOperation } from '../../data/table-editor/types';
import { DdlPreviewDialog } from './DdlPreviewDialog';

/** Columns and table-level changes; each builds a structured operation, previewed as SQL before it runs. */
export function StructurePanel({ details, onDropped }: { details: TableDetails; onDropped: () => void }) {
  const [op, setOp] = useState<{ op: DdlOperation; title: string; danger?: boolean; requireText?: string; after?: () => void } | null>(null);
  const [newCol, setNewCol] = useState({ name: '', type: 'text', nullable: true });
  const t = { schema: details.schema, table: details.name };
  return (
    <div className="card structure" data-testid="structure-panel">
      <table className="data small">
        <thead><tr><th>Column</th><th>Type</th><th>Nullable</th><th>Default</th><th /></tr></thead>
        <tbody>
          {details.columns.map((c) => (
            <tr key={c.name} data-testid="structure-column" data-column={c.name}>
              <td>{c.is_primary_key && 'PK · '}{c.name}</td><td><code>{c.data_type}</code></td><td>{c.nullable ? 'yes' : 'no'}</td><td><code>{c.default ?? ''}</code></td>
              <td className="row">
                <button type="button" className="btn btn-small" data-testid="column-rename" onClick={() => { const n = window.prompt(`Rename ${c.name} to`, c.name); if (n && n !== c.name) setOp({ op: { ...t, op: 'rename_column', column: c.name, new_name: n }, title: `Rename column ${c.name}` }); }}>Rename</button>
                <button type="button" className="btn btn-small" data-testid="column-retype" onClick={() => { const ty = window.prompt(`New type for ${c.name}`, c.data_type); if (ty && ty !== c.data_type) setOp({ op: { ...t, op: 'alter_column_type', column: c.name, type: ty }, title: `Change type of ${c.name}` }); }}>Type</button>
                <button type="button" className="btn btn-small" data-testid="column-nullable" onClick={() => setOp({ op: { ...t, op: 'set_nullable', column: c.name, nullable: !c.nullable }, title: `${c.nullable ? 'Require' : 'Allow'} NULL in ${c.name}` })}>{c.nullable ? 'Not null' : 'Nullable'}</button>
                <button type="button" className="btn btn-small btn-danger" data-testid="column-drop" onClick={() => setOp({ op: { ...t, op: 'drop_column', column: c.name }, title: `Drop column ${c.name}`, danger: true })}>Drop</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row" style={{ marginTop: 8 }}>
        <input className="input-small" placeholder="new column" value={newCol.name} onChange={(e) => setNewCol({ ...newCol, name: e.target.value })} data-testid="column-add-name" />
        <input className="input-small" placeholder="type" value={newCol.type} onChange={(e) => setNewCol({ ...newCol, type: e.target.value })} data-testid="column-add-type" style={{ width: 120 }} />
        <label className="small row"><input type="checkbox" checked={newCol.nullable} onChange={(e) => setNewCol({ ...newCol, nullable: e.target.checked })} /> nullable</label>
        <button type="button" className="btn btn-small" disabled={!newCol.name} data-testid="column-add" onClick={() => setOp({ op: { ...t, op: 'add_column', column: { name: newCol.name, type: newCol.type, nullable: newCol.nullable } }, title: `Add column ${newCol.name}`, after: () => setNewCol({ name: '', type: 'text', nullable: true }) })}>Add column</button>
        <span className="spacer" />
        <button type="button" className="btn btn-small" data-testid="table-rls-toggle" onClick={() => setOp({ op: { ...t, op: 'set_rls', enabled: !details.rls.enabled }, title: `${details.rls.enabled ? 'Disable' : 'Enable'} RLS` })}>{details.rls.enabled ? 'Disable RLS' : 'Enable RLS'}</button>
        <button type="button" className="btn btn-small btn-danger" data-testid="table-truncate" onClick={() => setOp({ op: { ...t, op: 'truncate_table' }, title: `Truncate ${details.schema}.${details.name}`, danger: true, requireText: details.name })}>Truncate</button>
        <button type="button" className="btn btn-small btn-danger" data-testid="table-drop" onClick={() => setOp({ op: { ...t, op: 'drop_table' }, title: `Drop ${details.schema}.${details.name}`, danger: true, requireText: details.name, after: onDropped })}>Drop table</button>
      </div>
      {op && <DdlPreviewDialog op={op.op} title={op.title} danger={op.danger} requireText={op.requireText} onCancel={() => setOp(null)} onDone={() => { const after = op.after; setOp(null); after?.(); }} />}
    </div>
  );
}
