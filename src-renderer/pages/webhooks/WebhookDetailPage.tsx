import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useWebhookDetailQuery } from '../../data/webhooks/webhook-detail-query';
import { useWebhookLogsQuery } from '../../data/webhooks/webhook-logs-query';
import { useWebhookCancelPendingMutation, useWebhookDeleteMutation, useWebhookReplayMutation, useWebhookTestMutation, useWebhookUpdateMutation } from '../../data/webhooks/webhook-mutations';
import type { SendResult } from '../../data/webhooks/types';
import { formatTime } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { DeliveryLog } from './DeliveryLog';
import { HealthBadge } from './HealthBadge';
import { LogViewer } from './LogViewer';
import { SendResultNotice } from './SendResultNotice';
import { SignatureSnippet } from './SignatureSnippet';

export function WebhookDetailPage({ id }: { id: string }) {
  const detail = useWebhookDetailQuery(id);
  const [outcome, setOutcome] = useState<'success' | 'failure' | undefined>(undefined);
  const logs = useWebhookLogsQuery(id, outcome);
  const test = useWebhookTestMutation();
  const replay = useWebhookReplayMutation();
  const update = useWebhookUpdateMutation();
  const remove = useWebhookDeleteMutation();
  const [selected, setSelected] = useState<number | null>(null);
  const [sent, setSent] = useState<{ verb: string; result: SendResult } | null>(null);
  const [deleting, setDeleting] = useState(false);
  const cancelPending = useWebhookCancelPendingMutation();
  const [cancelling, setCancelling] = useState(false);

  const w = detail.data?.webhook;
  const list = logs.data?.logs ?? detail.data?.logs ?? [];
  const selectedLog = list.find((l) => l.id === selected) ?? null;
  const error = test.error ?? replay.error ?? update.error ?? remove.error ?? cancelPending.error;
  return (
    <section className="page" data-testid="webhook-detail">
      <p><Link to="/webhooks" data-testid="webhooks-back">← Webhooks</Link></p>
      {detail.error && <ErrorNotice error={detail.error} />}
      {w && (
        <>
          <div className="page-header">
            <h1 data-testid="webhook-detail-name">{w.name || w.url} <HealthBadge health={w.stats.health} /></h1>
            <div className="fields">
              <button type="button" className="btn btn-primary" disabled={test.isPending} data-testid="webhook-test"
                onClick={() => test.mutate(id, { onSuccess: (r) => { setSent({ verb: 'Test event', result: r }); setSelected(r.log_id); } })}>
                {test.isPending ? 'Sending…' : 'Send test event'}
              </button>
              <button type="button" className="btn" onClick={() => update.mutate({ id, input: { active: !w.active } })} data-testid="webhook-detail-toggle">{w.active ? 'Pause' : 'Resume'}</button>
              <Link to={`/webhooks/${id}/edit`} className="btn" data-testid="webhook-edit">Edit</Link>
              <button type="button" className="btn btn-danger" onClick={() => setDeleting(true)} data-testid="webhook-delete">Delete</button>
            </div>
          </div>
          <dl className="facts card">
            <dt>URL</dt><dd className="mono" data-testid="webhook-detail-url">{w.url}</dd>
            <dt>Table</dt><dd className="mono">{w.table_schema}.{w.table_name} <span className="muted">in {w.database}</span></dd>
            <dt>Events</dt><dd>{w.events.map((e) => <span key={e} className={`op op-${e}`}>{e}</span>)}</dd>
            <dt>Signed</dt><dd>{w.has_secret ? 'yes (X-Truss-Signature)' : 'no secret set'}</dd>
            <dt>Stats</dt><dd data-testid="webhook-detail-stats">{w.stats.delivered} delivered · {w.stats.failed} failed · <span data-testid="webhook-pending">{w.stats.pending}</span> pending · last fired {formatTime(w.stats.last_fired_at)}</dd>
          </dl>
          {w.stats.pending > 0 && (
            <div className="notice row" data-testid="webhook-pending-notice">
              <span>{w.stats.pending.toLocaleString()} deliveries are waiting to be sent{w.stats.oldest_pending_at ? ` (oldest from ${formatTime(w.stats.oldest_pending_at)})` : ''}.</span>
              <button type="button" className="btn btn-small btn-danger" onClick={() => setCancelling(true)} data-testid="webhook-cancel-pending">Cancel pending deliveries</button>
            </div>
          )}
          {cancelPending.data && <p className="notice notice-ok" data-testid="webhook-cancel-result">Cancelled {cancelPending.data.cancelled.toLocaleString()} pending deliver{cancelPending.data.cancelled === 1 ? 'y' : 'ies'}{cancelPending.data.in_flight ? ` (${cancelPending.data.in_flight} already on their way may still arrive)` : ''}.</p>}
        </>
      )}
      {sent && <SendResultNotice verb={sent.verb} result={sent.result} />}
      {error && <ErrorNotice error={error} />}
      <div className="card">
        <div className="page-header">
          <h2>Delivery log</h2>
          <select value={outcome ?? ''} onChange={(e) => setOutcome((e.target.value || undefined) as typeof outcome)} data-testid="delivery-filter">
            <option value="">All attempts</option>
            <option value="success">Delivered</option>
            <option value="failure">Failed</option>
          </select>
        </div>
        <DeliveryLog logs={list} selectedId={selected} onSelect={(l) => setSelected(l.id)} replayingId={replay.isPending ? replay.variables?.logId ?? null : null}
          onReplay={(l) => replay.mutate({ id, logId: l.id }, { onSuccess: (r) => { setSent({ verb: `Replay of ${l.event}`, result: r }); setSelected(r.log_id); } })} />
        {list.length === 0 && <p className="muted" data-testid="delivery-empty">No deliveries yet. Change a row in the table, or send a test event.</p>}
        {selectedLog && <LogViewer log={selectedLog} />}
      </div>
      {w && <SignatureSnippet hasSecret={w.has_secret} />}
      {cancelling && w && (
        <ConfirmDialog title="Cancel pending deliveries?" confirmLabel={`Cancel ${w.stats.pending.toLocaleString()} deliveries`} danger busy={cancelPending.isPending} testId="webhook-cancel-dialog"
          onCancel={() => setCancelling(false)} onConfirm={() => cancelPending.mutate(id, { onSettled: () => setCancelling(false) })}>
          <p>The waiting events of this webhook are removed and never sent. Changes made from now on are delivered as usual.</p>
        </ConfirmDialog>
      )}
      {deleting && w && (
        <ConfirmDialog title={`Delete ${w.name || 'this webhook'}?`} confirmLabel="Delete webhook" danger busy={remove.isPending} testId="webhook-delete-dialog"
          onCancel={() => setDeleting(false)} onConfirm={() => remove.mutate(id, { onSuccess: () => navigate('/webhooks'), onSettled: () => setDeleting(false) })}>
          <p>The trigger on <code>{w.table_schema}.{w.table_name}</code> is dropped, and pending events and the delivery log of this webhook are deleted.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
