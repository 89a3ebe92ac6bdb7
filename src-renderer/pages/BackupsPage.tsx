import { useState } from 'react';
import { BlockingConnectionsDialog } from '../components/BlockingConnectionsDialog';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { ModuleGate } from '../components/ModuleGate';
import { ProgressBar } from '../components/ProgressBar';
import { useBackupDeleteMutation } from '../data/backups/backup-delete-mutation';
import { useBackupRestoreMutation } from '../data/backups/backup-restore-mutation';
import { useBackupSnapshotMutation } from '../data/backups/backup-snapshot-mutation';
import { useBackupsQuery } from '../data/backups/backups-query';
import type { Backup, RestoreInput, RestoreResult } from '../data/backups/types';
import { useBranchesQuery } from '../data/branches/branches-query';
import { useModuleState } from '../data/modules/module-state';
import { blockingConnections, type Blocked } from '../lib/blocking';
import { formatMs } from '../lib/format';
import { Link } from '../lib/router';
import { BackupTable } from './backups/BackupTable';
import { RestoreDialog } from './backups/RestoreDialog';
import { SnapshotForm } from './backups/SnapshotForm';

function RestoreNotice({ result }: { result: RestoreResult }) {
  if (result.target === 'branch' && result.branch) {
    return (
      <div className="notice notice-ok" data-testid="restore-result">
        Restored <strong>{result.backup.label}</strong> into the new branch <strong>{result.branch.label}</strong> ({formatMs(result.duration_ms)}).{' '}
        <Link to="/branches">Activate it on the Branches page</Link> to serve it.
      </div>
    );
  }
  return (
    <div className="notice notice-ok" data-testid="restore-result">
      Restored <strong>{result.backup.label}</strong> over the main database ({formatMs(result.duration_ms)}).
      {result.replaced_backup && <> The replaced state is kept as the backup <strong data-testid="replaced-backup-label">{result.replaced_backup.label}</strong>: restore it to undo.</>}
    </div>
  );
}

export function BackupsPage() {
  const module = useModuleState('backups');
  const backups = useBackupsQuery();
  const branches = useBranchesQuery();
  const snapshot = useBackupSnapshotMutation();
  const restore = useBackupRestoreMutation();
  const remove = useBackupDeleteMutation();
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [deleting, setDeleting] = useState<Backup | null>(null);
  const [blocked, setBlocked] = useState<{ blocked: Blocked; retry: () => void } | null>(null);
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const onCopyError = (retry: () => void) => (err: unknown) => {
    const b = blockingConnections(err);
    if (b) setBlocked({ blocked: b, retry });
    else setError(err);
  };
  const doSnapshot = (label?: string, terminateConnections = false) => {
    setError(null);
    snapshot.mutate({ label, terminateConnections }, {
      onSuccess: () => setBlocked(null),
      onError: onCopyError(() => doSnapshot(label, true)),
    });
  };
  const doRestore = (input: RestoreInput) => {
    setError(null);
    setRestored(null);
    restore.mutate(input, {
      onSuccess: (r) => { setBlocked(null); setRestoring(null); setRestored(r); },
      onError: (err) => {
        setRestoring(null);
        onCopyError(() => doRestore({ ...input, terminateConnections: true }))(err);
      },
    });
  };

  const mainDatabase = branches.data?.main.database_name ?? restoring?.source_database ?? 'main';
  const list = backups.data?.backups;
  return (
    <ModuleGate title="Backups" module={module} error={backups.error}>
      <section className="page" data-testid="backups-page">
        <h1>Backups</h1>
        <SnapshotForm database={branches.data?.active_database} busy={snapshot.isPending} onSnapshot={doSnapshot} />
        {snapshot.isPending && <ProgressBar label="Taking a snapshot…" testId="backup-progress" />}
        {restore.isPending && <ProgressBar label={restore.variables?.target === 'main' ? 'Restoring over the main database…' : 'Restoring into a new branch…'} testId="backup-progress" />}
        {restored && <RestoreNotice result={restored} />}
        {error !== null && <ErrorNotice error={error} />}
        {backups.error && <ErrorNotice error={backups.error} />}
        {list && (
          <div className="card">
            <BackupTable backups={list} onRestore={setRestoring} onDelete={setDeleting} />
            {list.length === 0 && <p className="muted" data-testid="backups-empty">No backups yet.</p>}
          </div>
        )}
        {restoring && (
          <RestoreDialog backup={restoring} mainDatabase={mainDatabase} busy={restore.isPending}
            onRestore={(input) => doRestore({ id: restoring.id, ...input })} onCancel={() => setRestoring(null)} />
        )}
        {deleting && (
          <ConfirmDialog title={`Delete ${deleting.label}?`} confirmLabel="Delete backup" danger busy={remove.isPending} testId="backup-delete-dialog"
            onCancel={() => setDeleting(null)}
            onConfirm={() => remove.mutate(deleting.id, { onSettled: () => setDeleting(null), onError: setError })}>
            <p>The snapshot database <code>{deleting.database_name}</code> is dropped. It cannot be restored or downloaded afterwards.</p>
          </ConfirmDialog>
        )}
        {blocked && (
          <BlockingConnectionsDialog blocked={blocked.blocked} busy={snapshot.isPending || restore.isPending}
            onTerminate={blocked.retry} onCancel={() => setBlocked(null)} />
        )}
      </section>
    </ModuleGate>
  );
}
