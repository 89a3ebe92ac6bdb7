// Which tables broadcast their changes: a table is subscribed when it carries the trestle_realtime trigger, so the
// catalog itself is the list and it survives restarts and follows branch copies.
import type { Queryable } from '../db/database.js';
import { qualified, quoteIdent, quoteLiteral } from '../db/quote.js';
import { resolveTable } from '../db/table-ref.js';
import { ApiError } from '../errors.js';
import { ensureWebhookObjects } from '../webhooks/triggers.js';

export const REALTIME_TRIGGER = 'trestle_realtime';
export const REALTIME_CHANNEL = 'trestle_realtime';

export interface Subscription {
  schema: string;
  table: string;
  primary_key: string[];
  row_security: boolean;
}

export async function listSubscriptions(db: Queryable): Promise<Subscription[]> {
  const { rows } = await db.query<Subscription>(
    `SELECT n.nspname AS schema, c.relname AS table, c.relrowsecurity AS row_security,
            coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord)
                        FROM pg_index i
                        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                       WHERE i.indrelid = c.oid AND i.indisprimary), '{}') AS primary_key
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE t.tgname = $1 ORDER BY 1, 2`,
    [REALTIME_TRIGGER],
  );
  return rows;
}

/** Installs (or refreshes) the notify trigger; its arguments name the primary key, sent instead of large rows. */
export async function subscribe(db: Queryable, schema: string, table: string): Promise<Subscription> {
  const ref = await resolveTable(db, schema, table);
  await ensureWebhookObjects(db);
  const target = qualified(ref.schema, ref.table);
  await db.query(`DROP TRIGGER IF EXISTS ${quoteIdent(REALTIME_TRIGGER)} ON ${target}`);
  await db.query(
    `CREATE TRIGGER ${quoteIdent(REALTIME_TRIGGER)} AFTER INSERT OR UPDATE OR DELETE ON ${target}
     FOR EACH ROW EXECUTE FUNCTION trestle.realtime_notify(${ref.primaryKey.map(quoteLiteral).join(', ')})`,
  );
  return { schema: ref.schema, table: ref.table, primary_key: ref.primaryKey, row_security: ref.rowSecurity };
}

export async function unsubscribe(db: Queryable, schema: string, table: string): Promise<Subscription> {
  const ref = await resolveTable(db, schema, table);
  const { rowCount } = await db.query(
    `SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass($1) AND tgname = $2`, [qualified(ref.schema, ref.table), REALTIME_TRIGGER],
  );
  if (!rowCount) throw new ApiError(404, 'SUBSCRIPTION_NOT_FOUND', `Table "${ref.schema}"."${ref.table}" is not subscribed`);
  await db.query(`DROP TRIGGER ${quoteIdent(REALTIME_TRIGGER)} ON ${qualified(ref.schema, ref.table)}`);
  return { schema: ref.schema, table: ref.table, primary_key: ref.primaryKey, row_security: ref.rowSecurity };
}
