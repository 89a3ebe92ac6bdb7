import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { ModuleGate } from '../components/ModuleGate';
import { useFolderApplyMutation } from '../data/migrations/migration-mutations';
import { useMigrationsQuery } from '../data/migrations/migrations-query';
import { useModuleState } from '../data/modules/module-state';
import { FolderSettingsForm } from './migrations/FolderSettingsForm';
import { FolderTable } from './migrations/FolderTable';
import { NewMigrationForm } from './migrations/NewMigrationForm';

/** Migrations of the active database: the project's folder against the history, applying pending files, and one-off migrations. */
export function MigrationsPage() {
  const module = useModuleState('migrations');
  const overview = useMigrationsQuery();
  const applyFolder = useFolderApplyMutation();
  const [confirming, setConfirming] = useState(false);
  const data = overview.data;
  const pending = data?.folder?.entries.filter((e) => e.status === 'pending') ?? [];
  const rows = data?.folder?.entries ?? data?.applied.map((m) => ({ ...m, status: 'applied' as const, file: null, applied_checksum: m.checksum })) ?? [];
  return (
    <ModuleGate title="Migrations" module={module} error={overview.error}>
      <section className="page" data-testid="migrations-page">
        <h1>Migrations</h1>
        {overview.error && <ErrorNotice error={overview.error} />}
        {data && (
          <>
            <FolderSettingsForm settings={data.settings} />
            <div className="card">
              <div className="page-header">
                <h2>{data.folder ? `Folder against ${data.database}` : `Applied to ${data.database}`}</h2>
                {data.folder && (
                  <button type="button" className="btn btn-primary" disabled={pending.length === 0 || applyFolder.isPending}
                    onClick={() => setConfirming(true)} data-testid="migrations-apply-pending">
                    Apply {pending.length} pending
                  </button>
                )}
              </div>
              {data.folder && (
                <p className="muted" data-testid="migrations-counts">
                  {data.folder.counts.applied} applied · {data.folder.counts.pending} pending · {data.folder.counts.changed} changed · {data.folder.counts.missing} missing
                  {data.folder.ignored.length > 0 && ` · ignored: ${data.folder.ignored.join(', ')}`}
                </p>
              )}
              {data.folder?.error && <div className="notice notice-error" data-testid="migrations-folder-error">{data.folder.error}</div>}
              {applyFolder.error ? <ErrorNotice error={applyFolder.error} testId="migrations-apply-error" /> : null}
              {applyFolder.data && <div className="notice notice-ok" data-testid="migrations-apply-result">Applied {applyFolder.data.applied.length} migration(s).</div>}
              {rows.length > 0 ? <FolderTable entries={rows} /> : <p className="muted" data-testid="migrations-empty">No migrations yet.</p>}
            </div>
            <NewMigrationForm database={data.database} />
          </>
        )}
        {confirming && (
          <ConfirmDialog title={`Apply ${pending.length} pending migration(s)?`} confirmLabel="Apply" busy={applyFolder.isPending} testId="migrations-apply-confirm"
            onCancel={() => setConfirming(false)} onConfirm={() => applyFolder.mutate(undefined, { onSettled: () => setConfirming(false) })}>
            <p>In version order, each in its own transaction, on <code>{data?.database}</code>; the first that fails stops the rest.</p>
            <ul>{pending.map((e) => <li key={e.version}><code>{e.file}</code></li>)}</ul>
          </ConfirmDialog>
        )}
      </section>
    </ModuleGate>
  );
}
