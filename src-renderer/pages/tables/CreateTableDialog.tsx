import { useState } from 'react';
import { Modal } from '../../components/studio/Modal';
import type { TableSummary } from '../../data/sql/types';
import type { ColumnSpec, DdlOperation } from '../../data/table-editor/types';
import { useNavigationGuard } from '../../lib/router';
import { DdlPreviewDialog } from './DdlPreviewDialog';
import { TypePicker } from './definition/TypePicker';

interface Col { name: string; type: string; def: string; nullable: boolean; pk: boolean; ref: string }

const blank = (): Col => ({ name: '', type: 'text', def: '', nullable: true, pk: false, ref: '' });

/** A default typed as `now()` or `gen_random_uuid()` is an expression; anything else a literal. */
function defaultOf(text: string): ColumnSpec['default'] {
  const t = text.trim();
  if (!t) return undefined;
  return /\)$|^current_|^null$/i.test(t) ? { expression: t } : { literal: t };
}

export function CreateTableDialog({ schema, tables, onCreated, onClose }: { schema: string; tables: TableSummary[]; onCreated: (name: string) => void; onClose: () => void }) {
  const [name, setName] = useState('');
  const [rls, setRls] = useState(true);
  const [cols, setCols] = useState<Col[]>([{ name: 'id', type: 'bigint', def: '', nullable: false, pk: true, ref: '' }, blank()]);
  const [op, setOp] = useState<DdlOperation | null>(null);
  const update = (i: number, patch: Partial<Col>) => setCols(cols.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  const build = (): DdlOperation => ({
    op: 'create_table', schema, table: name.trim(), enable_rls: rls,
    columns: cols.filter((c) => c.name.trim()).map((c) => {
      const spec: ColumnSpec = { name: c.name.trim(), type: c.type, nullable: c.nullable && !c.pk, primary_key: c.pk };
      if (c.pk && /^(bigint|integer|int|smallint)$/.test(c.type) && !c.def) spec.identity = 'by_default';
      const def = defaultOf(c.def);
      if (def) spec.default = def;
      if (c.ref) {
        const [s, t, col] = c.ref.split('|');
        spec.references = { schema: s, table: t, column: col };
      }
      return spec;
    }),
  });
  const refs = tables.filter((t) => t.kind === 'table');
  const typed = name.trim() !== '' || cols.some((c, i) => (i === 0 ? c.name !== 'id' || c.type !== 'bigint' : c.name.trim() !== '' || c.def.trim() !== ''));
  const discard = typed ? 'Discard this new table? What you typed will be lost.' : null;
  useNavigationGuard(discard);
  return (
    <Modal title={`New table in ${schema}`} onClose={onClose} testId="create-table-dialog" wide discardMessage={discard}>
      <div className="row">
        <label className="field"><span>Name</span><input autoFocus value={name} onChange={(e) => setName(e.target.value)} data-testid="create-table-name" /></label>
        <label className="row small"><input type="checkbox" checked={rls} onChange={(e) => setRls(e.target.checked)} data-testid="create-table-rls" /> Enable row level security</label>
      </div>
      <table className="data small">
        <thead><tr><th>Column</th><th>Type</th><th>Default</th><th>Nullable</th><th>PK</th><th>References</th><th /></tr></thead>
        <tbody>
          {cols.map((c, i) => (
            <tr key={i} data-testid="create-column">
              <td><input className="input-small" value={c.name} onChange={(e) => update(i, { name: e.target.value })} data-testid="create-column-name" /></td>
              <td>
                <TypePicker value={c.type} onChange={(type) => update(i, { type })} testId="create-column-type" />
              </td>
              <td><input className="input-small" placeholder="none" value={c.def} onChange={(e) => update(i, { def: e.target.value })} data-testid="create-column-default" style={{ width: 110 }} /></td>
              <td><input type="checkbox" checked={c.nullable} disabled={c.pk} onChange={(e) => update(i, { nullable: e.target.checked })} data-testid="create-column-nullable" /></td>
              <td><input type="checkbox" checked={c.pk} onChange={(e) => update(i, { pk: e.target.checked })} data-testid="create-column-pk" /></td>
              <td>
                <select value={c.ref} onChange={(e) => update(i, { ref: e.target.value })} data-testid="create-column-ref">
                  <option value="">—</option>
                  {refs.map((t) => <option key={`${t.schema}.${t.name}`} value={`${t.schema}|${t.name}|id`}>{t.schema}.{t.name}.id</option>)}
                </select>
              </td>
              <td><button type="button" className="btn btn-small" onClick={() => setCols(cols.filter((_c, k) => k !== i))}>✕</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn btn-small" onClick={() => setCols([...cols, blank()])} data-testid="create-column-add">+ Column</button>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose} data-testid="create-table-cancel">Cancel</button>
        <button type="button" className="btn btn-primary" disabled={!name.trim()} onClick={() => setOp(build())} data-testid="create-table-preview">Preview SQL…</button>
      </div>
      {op && <DdlPreviewDialog op={op} title={`Create ${schema}.${name}`} onCancel={() => setOp(null)} onDone={() => onCreated(name.trim())} />}
    </Modal>
  );
}
