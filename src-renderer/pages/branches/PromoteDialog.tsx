import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ConfirmDialog } from '../../components/studio/ConfirmDialog';
import { useBranchDiffQuery } from '../../data/migrations/branch-diff-query';
import { useBranchPromoteMutation } from '../../data/migrations/branch-mutations';
import type { PromoteResult } from '../../data/migrations/types';
import type { Branch } from '../../data/branches/types';
import { DiffStatements } from './DiffStatements';

const slug = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'branch';

/**
 * Branch → main: the diff to review, a name for the migration, and a confirmation (typing the branch's label when
 * the diff drops or converts data). What runs is exactly the diff shown: the server checks its checksum.
 */
export function PromoteDialog({ branch, onDone, onCancel }: { branch: Branch; onDone: (r: PromoteResult) => void; onCancel: () => void }) {
  const diff = useBranchDiffQuery(branch.id);
  const promote = useBranchPromoteMutation();
  const [name, setName] = useState(`promote_${slug(branch.label)}`);
  const d = diff.data;
  const destructive = (d?.destructive.length ?? 0) > 0;
  const empty = d !== undefined && d.statements.length === 0;
  return (
    <ConfirmDialog title={`Promote ${branch.label} into main`} confirmLabel={destructive ? 'Promote, dropping data' : 'Promote'} danger={destructive}
      busy={promote.isPending || !d || empty || !name.trim()} error={promote.error} requireText={destructive ? branch.label : undefined} testId="promote-dialog"
      onCancel={onCancel}
      onConfirm={() => d && promote.mutate({ branchId: branch.id, name: name.trim(), checksum: d.checksum, confirmDestructive: destructive }, { onSuccess: onDone })}>
      {diff.error ? <ErrorNotice error={diff.error} testId="diff-error" /> : null}
      {!d && !diff.error && <p className="muted">Comparing main with {branch.label}…</p>}
      {empty && <p className="notice" data-testid="diff-empty">Main already has this branch&apos;s schema: nothing to promote.</p>}
      {d && !empty && (
        <>
          <p>
            {d.statements.length} statement(s) turn <code>{d.main_database}</code> into <code>{d.branch.database_name}</code>&apos;s schema.
            They run on main in one transaction, recorded as a migration.
          </p>
          {destructive && (
            <div className="notice notice-error" data-testid="diff-destructive-warning">
              {d.destructive.length} statement(s) drop or convert data. Type the branch label to confirm.
            </div>
          )}
          {d.warnings.map((w) => <div key={w} className="notice" data-testid="diff-warning">{w}</div>)}
          <label className="field">
            <span>Migration name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} data-testid="promote-name" />
          </label>
          <DiffStatements statements={d.statements} />
        </>
      )}
    </ConfirmDialog>
  );
}
