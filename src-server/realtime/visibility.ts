// Could the anon role SELECT the row of this event? Asked of Postgres itself, under RLS, once per event.
import type { Database } from '../db/database.js';
import { qualified, quoteIdent } from '../db/quote.js';
import type { RealtimeEvent } from './events.js';

/** Table-level: anon has SELECT and the table has no row security (then every row is visible). */
async function wholeTableVisible(db: Database, event: RealtimeEvent): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT NOT c.relrowsecurity AND has_table_privilege('anon', c.oid, 'SELECT')
            AND has_schema_privilege('anon', c.relnamespace, 'USAGE') AS ok
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    [event.schema, event.table],
  );
  return rows[0]?.ok === true;
}

export async function visibleToAnon(db: Database, event: RealtimeEvent): Promise<boolean> {
  // A deleted row cannot be selected any more: it is only shown when anon may read the whole table.
  if (event.operation === 'DELETE' || !event.pk || Object.keys(event.pk).length === 0) return wholeTableVisible(db, event);
  const table = qualified(event.schema, event.table);
  const match = Object.keys(event.pk).map((col) => `r.${quoteIdent(col)} = k.${quoteIdent(col)}`).join(' AND ');
  try {
    return await db.transaction(async (client) => {
      await client.query('SET LOCAL ROLE anon');
      const { rowCount } = await client.query(
        `SELECT 1 FROM ${table} AS r, jsonb_populate_record(NULL::${table}, $1::jsonb) AS k WHERE ${match} LIMIT 1`,
        [JSON.stringify(event.pk)],
      );
      return (rowCount ?? 0) > 0;
    });
  } catch {
    return false; // no privilege, no schema usage, table gone: not visible
  }
}
