// Installs and removes the capture trigger of a webhook on its watched table, and the outbox in a database lacking it.
import type { Queryable } from '../db/database.js';
import { qualified, quoteIdent, quoteLiteral } from '../db/quote.js';
import { OUTBOX_DDL } from '../bootstrap/migrations/webhooks.js';
import type { WebhookEvent } from './validate.js';

export interface TriggerTarget {
  id: string;
  table_schema: string;
  table_name: string;
  events: WebhookEvent[];
}

export function triggerName(webhookId: string): string {
  return `trestle_webhook_${webhookId.replace(/-/g, '')}`;
}

/** The outbox and trigger functions exist in every database Trestle bootstrapped; any other gets them here. */
export async function ensureWebhookObjects(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT to_regclass('trestle.webhook_events') IS NOT NULL AND to_regprocedure('trestle.webhook_capture()') IS NOT NULL AS ok`,
  );
  if (!rows[0].ok) await db.query(OUTBOX_DDL);
}

/** (Re)creates the trigger; the table was resolved against the catalog by the caller. Events come from a fixed list. */
export async function installTrigger(db: Queryable, target: TriggerTarget): Promise<void> {
  const table = qualified(target.table_schema, target.table_name);
  const name = quoteIdent(triggerName(target.id));
  await db.query(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
  await db.query(
    `CREATE TRIGGER ${name} AFTER ${target.events.join(' OR ')} ON ${table}
     FOR EACH ROW EXECUTE FUNCTION trestle.webhook_capture(${quoteLiteral(target.id)})`,
  );
}

/** Drops the trigger if the table still exists (it may have been dropped with its triggers). */
export async function dropTrigger(db: Queryable, target: Pick<TriggerTarget, 'id' | 'table_schema' | 'table_name'>): Promise<void> {
  const { rows } = await db.query<{ exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = $1 AND c.relname = $2) AS exists`,
    [target.table_schema, target.table_name],
  );
  if (rows[0].exists) {
    await db.query(`DROP TRIGGER IF EXISTS ${quoteIdent(triggerName(target.id))} ON ${qualified(target.table_schema, target.table_name)}`);
  }
}
