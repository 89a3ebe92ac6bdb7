import { CopyButton } from '../../components/CopyButton';
import type { Branch, BranchList } from '../../data/branches/types';
import { formatBytes, formatRelative, formatTime } from '../../lib/format';

export type BranchAction = 'activate' | 'reset' | 'delete';

function StatusCell({ status, busy }: { status: string; busy: boolean }) {
  if (busy || status === 'creating') return <span className="badge badge-warn"><span className="spinner" /> copying</span>;
  return <span className={`badge ${status === 'ready' ? 'badge-ok' : 'badge-bad'}`}>{status}</span>;
}

function ConnectionCell({ value, testId }: { value: string; testId: string }) {
  return (
    <div className="conn-cell">
      <code className="truncate" title={value} data-testid={testId}>{value}</code>
      <CopyButton value={value} testId={`${testId}-copy`} />
    </div>
  );
}

/** Schema workflow actions, shown when the migrations module is there. */
export interface SchemaActions {
  onPromote: (b: Branch) => void;
  onSeed: (b: Branch) => void;
}

function BranchRow({ branch, busy, onAction, schema }: { branch: Branch; busy: boolean; onAction: (a: BranchAction, b: Branch) => void; schema?: SchemaActions }) {
  const ready = branch.status === 'ready' && !busy;
  return (
    <tr data-testid="branch-row" data-branch-id={branch.id} data-label={branch.label} className={branch.active ? 'row-active' : undefined}>
      <td>
        <strong data-testid="branch-label">{branch.label}</strong>
        {branch.active && <> <span className="badge badge-ok" data-testid="branch-active-marker">active</span></>}
        <div className="muted mono">{branch.database_name}</div>
      </td>
      <td className="mono">{branch.parent}</td>
      <td data-testid="branch-size">{formatBytes(branch.size_bytes)}</td>
      <td data-testid="branch-status"><StatusCell status={branch.status} busy={busy} /></td>
      <td title={formatTime(branch.expires_at)} data-testid="branch-expiry">{branch.expires_at ? formatRelative(branch.expires_at) : 'never'}</td>
      <td><ConnectionCell value={branch.connection_string} testId="branch-connection-string" /></td>
      <td className="actions">
        {!branch.active && (
          <button type="button" className="btn btn-small" disabled={!ready} onClick={() => onAction('activate', branch)} data-testid="branch-activate">Activate</button>
        )}
        {schema && <button type="button" className="btn btn-small btn-primary" disabled={!ready} onClick={() => schema.onPromote(branch)} data-testid="branch-promote">Promote…</button>}
        {schema && <button type="button" className="btn btn-small" disabled={!ready} onClick={() => schema.onSeed(branch)} data-testid="branch-seed">Seed</button>}
        <button type="button" className="btn btn-small" disabled={!ready} onClick={() => onAction('reset', branch)} data-testid="branch-reset">Reset</button>
        <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => onAction('delete', branch)} data-testid="branch-delete">Delete</button>
      </td>
    </tr>
  );
}

/** Main first, then the branches; the active one is marked. */
export function BranchTable({ list, busyId, onAction, onSwitchToMain, schema }: {
  list: BranchList;
  busyId: string | null;
  onAction: (a: BranchAction, b: Branch) => void;
  onSwitchToMain: () => void;
  schema?: SchemaActions;
}) {
  const main = list.main;
  return (
    <table className="data" data-testid="branch-table">
      <thead>
        <tr><th>Branch</th><th>Parent</th><th>Size</th><th>Status</th><th>Expires</th><th>Connection string</th><th /></tr>
      </thead>
      <tbody>
        <tr data-testid="main-row" className={main.active ? 'row-active' : undefined}>
          <td>
            <strong>main</strong>
            {main.active && <> <span className="badge badge-ok" data-testid="main-active-marker">active</span></>}
            <div className="muted mono">{main.database_name}</div>
          </td>
          <td className="muted">—</td>
          <td>{formatBytes(main.size_bytes)}</td>
          <td><span className="badge badge-ok">ready</span></td>
          <td>never</td>
          <td><ConnectionCell value={main.connection_string} testId="main-connection-string" /></td>
          <td className="actions">
            {!main.active && <button type="button" className="btn btn-small" onClick={onSwitchToMain} data-testid="main-activate">Switch to main</button>}
          </td>
        </tr>
        {list.branches.map((b) => <BranchRow key={b.id} branch={b} busy={busyId === b.id} onAction={onAction} schema={schema} />)}
      </tbody>
    </table>
  );
}
