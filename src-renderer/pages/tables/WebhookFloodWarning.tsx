import { useHealthQuery } from '../../data/health/health-query';
import { useWebhooksQuery } from '../../data/webhooks/webhooks-query';

/** Active webhooks on a table that fire on INSERT, in the database being served. */
export function useInsertWebhooks(schema: string, table: string) {
  const webhooks = useWebhooksQuery();
  const database = useHealthQuery().data?.database.name;
  return (webhooks.data?.webhooks ?? []).filter((w) => w.active && w.table_schema === schema && w.table_name === table && w.events.includes('INSERT') && (!database || w.database === database));
}

/** Before a bulk insert: N rows → N deliveries per active webhook. Asks for an explicit OK. */
export function WebhookFloodWarning({ schema, table, rows, acknowledged, onAcknowledge }: { schema: string; table: string; rows: number; acknowledged: boolean; onAcknowledge: (ok: boolean) => void }) {
  const hooks = useInsertWebhooks(schema, table);
  if (hooks.length === 0 || rows < 2) return null;
  return (
    <div className="notice" data-testid="webhook-flood-warning">
      <strong>{rows.toLocaleString()} new rows → {(rows * hooks.length).toLocaleString()} webhook deliveries.</strong>{' '}
      {hooks.length === 1 ? 'One active webhook' : `${hooks.length} active webhooks`} on {schema}.{table} ({hooks.map((h) => h.name || h.url).join(', ')}) send one request per inserted row.
      Pause {hooks.length === 1 ? 'it' : 'them'} on the Webhooks page first if the receiver should not get them; pending deliveries can also be cancelled there.
      <label className="row small" style={{ marginTop: 6 }}>
        <input type="checkbox" checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} data-testid="webhook-flood-ok" /> Send them anyway
      </label>
    </div>
  );
}
