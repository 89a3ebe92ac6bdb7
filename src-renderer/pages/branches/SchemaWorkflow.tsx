import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useBranchSeedMutation } from '../../data/migrations/branch-mutations';
import type { PromoteResult } from '../../data/migrations/types';
import type { Branch } from '../../data/branches/types';
import { useModuleState } from '../../data/modules/module-state';
import type { SchemaActions } from './BranchTable';
import { PromoteDialog } from './PromoteDialog';

/** The branches page's promote and seed state; actions are offered only when the migrations module is there. */
export function useSchemaWorkflow() {
  const module = useModuleState('migrations');
  const [promoting, setPromoting] = useState<Branch | null>(null);
  const [seeding, setSeeding] = useState<Branch | null>(null);
  const [promoted, setPromoted] = useState<{ branch: Branch; result: PromoteResult } | null>(null);
  const seed = useBranchSeedMutation();
  const actions: SchemaActions | undefined = module?.status === 'available' ? { onPromote: setPromoting, onSeed: setSeeding } : undefined;
  return { actions, promoting, setPromoting, seeding, setSeeding, promoted, setPromoted, seed };
}

export function SchemaWorkflow({ workflow: w }: { workflow: ReturnType<typeof useSchemaWorkflow> }) {
  return (
    <>
      {w.promoted && (
        <div className="notice notice-ok" data-testid="promote-result">
          Promoted <strong>{w.promoted.branch.label}</strong> into main as migration {w.promoted.result.migration.version} ({w.promoted.result.migration.name},
          {' '}{w.promoted.result.statements} statements){w.promoted.result.file ? <> and wrote <code>{w.promoted.result.file}</code></> : null}.
          {w.promoted.result.remaining > 0 && ` ${w.promoted.result.remaining} difference(s) remain that DDL cannot express.`}
        </div>
      )}
      {w.seed.data && <div className="notice notice-ok" data-testid="seed-result">Ran {w.seed.data.file} on {w.seed.data.database_name} ({w.seed.data.statements} statements).</div>}
      {w.seed.error ? <ErrorNotice error={w.seed.error} testId="seed-error" /> : null}
      {w.promoting && (
        <PromoteDialog branch={w.promoting} onCancel={() => w.setPromoting(null)}
          onDone={(result) => { w.setPromoted({ branch: w.promoting!, result }); w.setPromoting(null); }} />
      )}
      {w.seeding && (
        <ConfirmDialog title={`Seed ${w.seeding.label}?`} confirmLabel="Run seed" busy={w.seed.isPending} testId="seed-confirm"
          onCancel={() => w.setSeeding(null)} onConfirm={() => w.seed.mutate(w.seeding!.id, { onSettled: () => w.setSeeding(null) })}>
          <p>The seed file runs on <code>{w.seeding.database_name}</code> in one transaction (main is not touched).</p>
        </ConfirmDialog>
      )}
    </>
  );
}
