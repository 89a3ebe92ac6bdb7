import { useState } from 'react';
import { ConfirmDialog } from '../../components/studio/ConfirmDialog';
import { Modal } from '../../components/studio/Modal';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ModuleGate } from '../../components/ModuleGate';
import { useModuleState } from '../../data/modules/module-state';
import { useRuleCreateMutation, useRuleDeleteMutation, useRuleUpdateMutation } from '../../data/gateway/rule-mutations';
import { useGatewayRulesQuery } from '../../data/gateway/rules-query';
import type { GatewayRule } from '../../data/gateway/types';
import { HealthCard } from './HealthCard';
import { RequestTester } from './RequestTester';
import { RuleForm } from './RuleForm';
import { RuleList } from './RuleList';
import { SystemRules } from './SystemRules';
import '../../components/studio/ui.css';

type Editing = { kind: 'new' } | { kind: 'edit'; rule: GatewayRule } | null;

function Rules() {
  const rules = useGatewayRulesQuery();
  const create = useRuleCreateMutation();
  const update = useRuleUpdateMutation();
  const remove = useRuleDeleteMutation();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<GatewayRule | null>(null);
  const save = editing?.kind === 'edit' ? update : create;
  const close = () => {
    setEditing(null);
    create.reset();
    update.reset();
  };
  return (
    <>
      <div className="card">
        <div className="toolbar">
          <h2 style={{ margin: 0 }}>Rules</h2>
          <span className="muted small">checked in order after each route's built-in access; the first that matches decides</span>
          <span className="spacer" />
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'new' })} data-testid="rule-new">New rule</button>
        </div>
        {rules.error && <ErrorNotice error={rules.error} />}
        {update.error && !editing && <ErrorNotice error={update.error} testId="rule-update-error" />}
        {rules.data && (
          <RuleList
            rules={rules.data.user}
            busy={update.isPending}
            onMove={(rule, to, done) => update.mutate({ id: rule.id, input: { position: to } }, { onSettled: done })}
            onToggle={(rule) => update.mutate({ id: rule.id, input: { enabled: !rule.enabled } })}
            onEdit={(rule) => setEditing({ kind: 'edit', rule })}
            onDelete={setDeleting}
          />
        )}
      </div>
      {rules.data && <SystemRules rules={rules.data.system} />}
      {editing && (
        <Modal title={editing.kind === 'edit' ? 'Edit rule' : 'New rule'} onClose={close} testId="rule-dialog" wide>
          <h2>{editing.kind === 'edit' ? `Edit rule ${(editing.rule.position ?? 0) + 1}` : 'New rule'}</h2>
          <RuleForm
            initial={editing.kind === 'edit' ? editing.rule : undefined}
            busy={save.isPending}
            onCancel={close}
            onSubmit={(input) => (editing.kind === 'edit'
              ? update.mutate({ id: editing.rule.id, input }, { onSuccess: close })
              : create.mutate(input, { onSuccess: close }))}
          />
          {save.error && <ErrorNotice error={save.error} testId="rule-save-error" />}
        </Modal>
      )}
      {deleting && (
        <ConfirmDialog title="Delete rule" confirmLabel="Delete" danger busy={remove.isPending} error={remove.error} testId="rule-delete-dialog"
          onCancel={() => { setDeleting(null); remove.reset(); }}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}>
          Delete the rule for <code>{deleting.match.path}</code>? It stops applying on the next request.
        </ConfirmDialog>
      )}
    </>
  );
}

/** /gateway: who may call which path — user rules in order, the tester, system rules, and health. */
export function GatewayPage() {
  const module = useModuleState('gateway');
  const probe = useGatewayRulesQuery();
  return (
    <ModuleGate title="Gateway" module={module} error={probe.error}>
      <section className="page" data-testid="gateway-page">
        <h1>Gateway</h1>
        <p className="muted">
          Rules restrict who may call your app's API (<code>/v1/db</code> and <code>/rest/v1</code> alike, <code>/auth/v1</code>, <code>/storage/v1</code>…)
          and route <code>/functions/v1/**</code> or <code>/graphql/v1</code> to local services, with the caller's verified claims in <code>x-trestle-claims</code>.
          A change applies to the next request.
        </p>
        <Rules />
        <RequestTester />
        <HealthCard />
      </section>
    </ModuleGate>
  );
}

export default GatewayPage;
