import { ErrorNotice } from '../../components/ErrorNotice';
import { useSqlTablesQuery } from '../../data/sql/sql-tables-query';
import { useWebhookDetailQuery } from '../../data/webhooks/webhook-detail-query';
import { useWebhookCreateMutation, useWebhookUpdateMutation } from '../../data/webhooks/webhook-mutations';
import { Link, navigate } from '../../lib/router';
import { WebhookForm } from './WebhookForm';

/** /webhooks/new and /webhooks/:id/edit. */
export function WebhookEditor({ id }: { id?: string }) {
  const tables = useSqlTablesQuery();
  const detail = useWebhookDetailQuery(id, { live: false });
  const create = useWebhookCreateMutation();
  const update = useWebhookUpdateMutation();
  const existing = id ? detail.data?.webhook : undefined;
  const error = create.error ?? update.error ?? (id ? detail.error : null);
  return (
    <section className="page" data-testid="webhook-editor">
      <p><Link to={id ? `/webhooks/${id}` : '/webhooks'}>← Back</Link></p>
      {error && <ErrorNotice error={error} />}
      {(!id || existing) && (
        <WebhookForm key={existing?.id ?? 'new'} initial={existing} tables={tables.data?.tables} busy={create.isPending || update.isPending}
          onCancel={() => navigate(id ? `/webhooks/${id}` : '/webhooks')}
          onSubmit={(input) => {
            if (id) update.mutate({ id, input }, { onSuccess: () => navigate(`/webhooks/${id}`) });
            else create.mutate(input, { onSuccess: (r) => navigate(`/webhooks/${r.webhook.id}`) });
          }} />
      )}
    </section>
  );
}
