import { useState } from 'react';
import { BlockingConnectionsDialog } from '../components/BlockingConnectionsDialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { ModuleGate } from '../components/ModuleGate';
import { ProgressBar } from '../components/ProgressBar';
import { useBranchActivateMutation } from '../data/branches/branch-activate-mutation';
import { useBranchCreateMutation, type CreateBranchInput } from '../data/branches/branch-create-mutation';
import { useBranchDeleteMutation } from '../data/branches/branch-delete-mutation';
import { useBranchResetMutation } from '../data/branches/branch-reset-mutation';
import { useBranchesQuery } from '../data/branches/branches-query';
import type { Branch, BranchCreated } from '../data/branches/types';
import { useModuleState } from '../data/modules/module-state';
import { blockingConnections, type Blocked } from '../lib/blocking';
import { formatMs } from '../lib/format';
import { BranchConfirm } from './branches/BranchConfirm';
import { BranchTable, type BranchAction } from './branches/BranchTable';
import { SchemaWorkflow, useSchemaWorkflow } from './branches/SchemaWorkflow';
import { CreateBranchForm } from './branches/CreateBranchForm';

function CopyResult({ verb, result }: { verb: string; result: BranchCreated }) {
  const n = result.terminated_connections.length;
  return (
    <div className="notice notice-ok" data-testid="branch-result">
      {verb} <strong>{result.branch.label}</strong> with {result.method} in {formatMs(result.duration_ms)}.
      {n > 0 && ` Terminated ${n} connection${n === 1 ? '' : 's'} (PID ${result.terminated_connections.map((c) => c.pid).join(', ')}).`}
    </div>
  );
}

export function BranchesPage() {
  const module = useModuleState('branches');
  const branches = useBranchesQuery({ refetchInterval: 5_000 });
  const create = useBranchCreateMutation();
  const reset = useBranchResetMutation();
  const remove = useBranchDeleteMutation();
  const activate = useBranchActivateMutation();
  const [pending, setPending] = useState<{ action: BranchAction; branch: Branch } | null>(null);
  const [blocked, setBlocked] = useState<{ blocked: Blocked; retry: () => void } | null>(null);
  const [result, setResult] = useState<{ verb: string; result: BranchCreated } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const workflow = useSchemaWorkflow();

  const onCopyError = (retry: () => void) => (err: unknown) => {
    const b = blockingConnections(err);
    if (b) setBlocked({ blocked: b, retry });
    else setError(err);
  };
  const doCreate = (input: CreateBranchInput) => {
    setError(null);
    setResult(null);
    create.mutate(input, {
      onSuccess: (r) => { setBlocked(null); setResult({ verb: 'Created', result: r }); },
      onError: onCopyError(() => doCreate({ ...input, terminateConnections: true })),
    });
  };
  const doReset = (branch: Branch, terminateConnections = false) => {
    setError(null);
    setResult(null);
    reset.mutate({ id: branch.id, terminateConnections }, {
      onSuccess: (r) => { setBlocked(null); setResult({ verb: 'Reset', result: r }); },
      onError: onCopyError(() => doReset(branch, true)),
    });
  };
  const confirm = () => {
    if (!pending) return;
    const { action, branch } = pending;
    const done = { onSettled: () => setPending(null), onError: (e: unknown) => setError(e) };
    setError(null);
    if (action === 'reset') {
      setPending(null);
      doReset(branch);
    } else if (action === 'activate') activate.mutate(branch.id, done);
    else remove.mutate(branch.id, done);
  };

  const list = branches.data;
  const busyId = reset.isPending ? reset.variables?.id ?? null : remove.isPending ? remove.variables ?? null : null;
  return (
    <ModuleGate title="Branches" module={module} error={branches.error}>
      <section className="page" data-testid="branches-page">
        <h1>Branches</h1>
        <p className="muted">
          A branch is a full copy of a database you can change freely, activate so the API and dashboard serve it, reset, or throw away.
          Direct Postgres clients connect to a branch with its connection string.
        </p>
        {list && <CreateBranchForm parent={list.active_database} busy={create.isPending} onCreate={doCreate} />}
        {create.isPending && <ProgressBar label={`Copying ${list?.active_database ?? 'the active database'} into a new branch…`} testId="branch-progress" />}
        {reset.isPending && <ProgressBar label={`Resetting ${reset.variables?.id ? list?.branches.find((b) => b.id === reset.variables.id)?.label ?? '' : ''} from its parent…`} testId="branch-progress" />}
        {result && <CopyResult verb={result.verb} result={result.result} />}
        {error !== null && <ErrorNotice error={error} />}
        {branches.error && <ErrorNotice error={branches.error} />}
        {list && (
          <div className="card">
            <BranchTable list={list} busyId={busyId} onAction={(action, branch) => setPending({ action, branch })} onSwitchToMain={() => activate.mutate('main', { onError: setError })}
              schema={workflow.actions} />
            {list.branches.length === 0 && <p className="muted" data-testid="branches-empty">No branches yet.</p>}
          </div>
        )}
        {pending && (
          <BranchConfirm action={pending.action} branch={pending.branch} busy={activate.isPending || remove.isPending}
            onConfirm={confirm} onCancel={() => setPending(null)} />
        )}
        <SchemaWorkflow workflow={workflow} />
        {blocked && (
          <BlockingConnectionsDialog blocked={blocked.blocked} busy={create.isPending || reset.isPending}
            onTerminate={blocked.retry} onCancel={() => setBlocked(null)} />
        )}
      </section>
    </ModuleGate>
  );
}
