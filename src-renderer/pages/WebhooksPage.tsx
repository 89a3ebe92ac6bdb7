import { ErrorNotice } from '../components/ErrorNotice';
import { ModuleGate } from '../components/ModuleGate';
import { useModuleState } from '../data/modules/module-state';
import { useWebhookUpdateMutation } from '../data/webhooks/webhook-mutations';
import { useWebhooksQuery } from '../data/webhooks/webhooks-query';
import { Link, useLocation } from '../lib/router';
import { WebhookDetailPage } from './webhooks/WebhookDetailPage';
import { WebhookEditor } from './webhooks/WebhookEditor';
import { WebhookList } from './webhooks/WebhookList';

function WebhookListPage() {
  const webhooks = useWebhooksQuery();
  const update = useWebhookUpdateMutation();
  const list = webhooks.data?.webhooks;
  return (
    <section className="page" data-testid="webhooks-page">
      <div className="page-header">
        <h1>Webhooks</h1>
        <Link to="/webhooks/new" className="btn btn-primary" data-testid="webhook-new">New webhook</Link>
      </div>
      <p className="muted">
        Each webhook POSTs the changed row to a URL when a table changes. Events are written in the same transaction as the change, so none is lost;
        failed deliveries are retried with backoff.
      </p>
      {webhooks.error && <ErrorNotice error={webhooks.error} />}
      {update.error && <ErrorNotice error={update.error} />}
      {list && (
        <div className="card">
          <WebhookList webhooks={list} busyId={update.isPending ? update.variables?.id ?? null : null}
            onToggle={(w) => update.mutate({ id: w.id, input: { active: !w.active } })} />
          {list.length === 0 && <p className="muted" data-testid="webhooks-empty">No webhooks yet.</p>}
        </div>
      )}
    </section>
  );
}

/** /webhooks, /webhooks/new, /webhooks/:id, /webhooks/:id/edit */
export function WebhooksPage() {
  const module = useModuleState('webhooks');
  const probe = useWebhooksQuery();
  const { pathname } = useLocation();
  const [, , id, sub] = pathname.split('/');
  let page;
  if (id === 'new') page = <WebhookEditor />;
  else if (id && sub === 'edit') page = <WebhookEditor id={id} />;
  else if (id) page = <WebhookDetailPage id={id} />;
  else page = <WebhookListPage />;
  return <ModuleGate title="Webhooks" module={module} error={probe.error}>{page}</ModuleGate>;
}
