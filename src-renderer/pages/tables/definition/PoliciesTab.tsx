import { useState } from 'react';
import type { PolicyDetail, TableDetails } from '../../../data/sql/sql-table-details-query';
import type { PolicyCommand, PolicySpec } from '../../../data/table-editor/types';
import type { Propose } from './propose';
import { fromTemplate, ownerColumn, TEMPLATES, type TemplateId } from './rls.utils';

const COMMANDS: PolicyCommand[] = ['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const ROLES = ['anon', 'authenticated', 'service_role', 'public'];

const blank = (): PolicySpec => ({ name: '', command: 'SELECT', roles: ['authenticated'], using: '', with_check: '' });

function PolicyEditor({ details, editing, propose, onDone }: { details: TableDetails; editing: PolicyDetail | null; propose: Propose; onDone: () => void }) {
  const [p, setP] = useState<PolicySpec>(editing ? { ...editing, using: editing.using ?? '', with_check: editing.with_check ?? '' } : blank());
  const [owner, setOwner] = useState(ownerColumn(details) ?? details.columns[0]?.name ?? '');
  const [template, setTemplate] = useState<TemplateId | ''>('');
  const apply = (id: TemplateId | '', col = owner) => {
    setTemplate(id);
    if (id) setP({ ...fromTemplate(id, details, col), using: fromTemplate(id, details, col).using ?? '', with_check: fromTemplate(id, details, col).with_check ?? '' });
  };
  const usesUsing = p.command !== 'INSERT';
  const usesCheck = p.command !== 'SELECT' && p.command !== 'DELETE';
  const spec: PolicySpec = { ...p, using: usesUsing ? p.using || null : null, with_check: usesCheck ? p.with_check || null : null };
  const t = { schema: details.schema, table: details.name };
  return (
    <div className="card stack definition-form" data-testid="policy-editor">
      <div className="row">
        <label className="row small">Template
          <select value={template} onChange={(e) => apply(e.target.value as TemplateId | '')} data-testid="policy-template">
            <option value="">—</option>{TEMPLATES.map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
          </select>
        </label>
        {template === 'own_rows' && (
          <label className="row small">owner column
            <select value={owner} onChange={(e) => { setOwner(e.target.value); apply('own_rows', e.target.value); }} data-testid="policy-owner-column">
              {details.columns.map((c) => <option key={c.name} value={c.name}>{c.name} ({c.data_type})</option>)}
            </select>
          </label>
        )}
      </div>
      <div className="row">
        <input className="input-small" placeholder="policy name" value={p.name} onChange={(e) => setP({ ...p, name: e.target.value })} data-testid="policy-name" />
        <select value={p.command} onChange={(e) => setP({ ...p, command: e.target.value as PolicyCommand })} data-testid="policy-command">{COMMANDS.map((c) => <option key={c}>{c}</option>)}</select>
        <span className="row small">to {ROLES.map((r) => (
          <label key={r} className="row" style={{ gap: 2 }}><input type="checkbox" checked={p.roles.includes(r)} data-testid="policy-role" data-role={r}
            onChange={(e) => setP({ ...p, roles: e.target.checked ? [...p.roles, r] : p.roles.filter((x) => x !== r) })} />{r}</label>
        ))}</span>
        <label className="row small"><input type="checkbox" checked={p.permissive !== false} onChange={(e) => setP({ ...p, permissive: e.target.checked })} /> permissive</label>
      </div>
      {usesUsing && <label className="small">USING (which existing rows it sees)<input className="mono" style={{ width: '100%' }} value={p.using ?? ''} onChange={(e) => setP({ ...p, using: e.target.value })} placeholder="true" data-testid="policy-using" /></label>}
      {usesCheck && <label className="small">WITH CHECK (which new or changed rows it accepts)<input className="mono" style={{ width: '100%' }} value={p.with_check ?? ''} onChange={(e) => setP({ ...p, with_check: e.target.value })} placeholder="true" data-testid="policy-check" /></label>}
      <div className="row">
        <button type="button" className="btn btn-small btn-primary" disabled={!p.name.trim()} data-testid="policy-preview"
          onClick={() => propose({ op: editing ? { ...t, op: 'replace_policy', name: editing.name, policy: spec } : { ...t, op: 'create_policy', policy: spec }, title: editing ? `Change policy ${editing.name}` : `Create policy ${p.name}`, after: onDone })}>Preview SQL…</button>
        <button type="button" className="btn btn-small" onClick={onDone}>Cancel</button>
      </div>
    </div>
  );
}

export function PoliciesTab({ details, propose }: { details: TableDetails; propose: Propose }) {
  const [editing, setEditing] = useState<PolicyDetail | 'new' | null>(null);
  const t = { schema: details.schema, table: details.name };
  return (
    <div data-testid="definition-rls">
      <div className="row">
        <span className={`badge ${details.rls.enabled ? 'badge-ok' : 'badge-warn'}`} data-testid="rls-state">RLS {details.rls.enabled ? 'enabled' : 'disabled'}</span>
        <button type="button" className="btn btn-small" data-testid="table-rls-toggle"
          onClick={() => propose({ op: { ...t, op: 'set_rls', enabled: !details.rls.enabled }, title: `${details.rls.enabled ? 'Disable' : 'Enable'} row level security` })}>{details.rls.enabled ? 'Disable RLS' : 'Enable RLS'}</button>
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-primary" onClick={() => setEditing('new')} data-testid="policy-new">+ Policy</button>
      </div>
      {!details.rls.enabled && details.policies.length > 0 && <p className="notice small">RLS is disabled: these policies are not enforced.</p>}
      <table className="data small">
        <thead><tr><th>Name</th><th>Command</th><th>Roles</th><th>USING</th><th>WITH CHECK</th><th /></tr></thead>
        <tbody>
          {details.policies.map((p) => (
            <tr key={p.name} data-testid="policy-row" data-name={p.name}>
              <td>{p.name}{!p.permissive && <span className="badge badge-muted">restrictive</span>}</td><td>{p.command}</td><td>{p.roles.join(', ')}</td>
              <td><code>{p.using ?? ''}</code></td><td><code>{p.with_check ?? ''}</code></td>
              <td className="row">
                <button type="button" className="btn btn-small" onClick={() => setEditing(p)} data-testid="policy-edit">Edit</button>
                <button type="button" className="btn btn-small btn-danger" data-testid="policy-drop"
                  onClick={() => propose({ op: { ...t, op: 'drop_policy', name: p.name }, title: `Drop policy ${p.name}`, danger: true })}>Delete</button>
              </td>
            </tr>
          ))}
          {details.policies.length === 0 && <tr><td colSpan={6} className="muted" data-testid="policy-empty">No policies{details.rls.enabled ? ': only service_role (which bypasses RLS) sees rows.' : '.'}</td></tr>}
        </tbody>
      </table>
      {editing && <PolicyEditor key={editing === 'new' ? 'new' : editing.name} details={details} editing={editing === 'new' ? null : editing} propose={propose} onDone={() => setEditing(null)} />}
    </div>
  );
}
