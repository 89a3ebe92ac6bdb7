import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { Branch } from '../../data/branches/types';
import type { BranchAction } from './BranchTable';

/** The confirmation for activate, reset and delete, naming exactly what changes. */
export function BranchConfirm({ action, branch, busy, onConfirm, onCancel }: {
  action: BranchAction;
  branch: Branch;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const name = <strong>{branch.label}</strong>;
  const db = <code>{branch.database_name}</code>;
  if (action === 'activate') {
    return (
      <ConfirmDialog title={`Activate ${branch.label}?`} confirmLabel="Activate" busy={busy} onConfirm={onConfirm} onCancel={onCancel} testId="branch-confirm">
        <p>The API (<code>/v1/*</code>) and this dashboard will serve {name} ({db}) instead of main until you switch back. Nothing is copied or deleted.</p>
      </ConfirmDialog>
    );
  }
  if (action === 'reset') {
    return (
      <ConfirmDialog title={`Reset ${branch.label}?`} confirmLabel="Reset branch" danger busy={busy} onConfirm={onConfirm} onCancel={onCancel} testId="branch-confirm">
        <p>Every change made in {name} is discarded: {db} is dropped and copied again from its parent <code>{branch.parent}</code>.</p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog title={`Delete ${branch.label}?`} confirmLabel="Delete branch" danger busy={busy} onConfirm={onConfirm} onCancel={onCancel} testId="branch-confirm">
      <p>The database {db} and all its data are dropped. This cannot be undone.</p>
      {branch.active && <p className="notice">This branch is active: main becomes active again first.</p>}
    </ConfirmDialog>
  );
}
