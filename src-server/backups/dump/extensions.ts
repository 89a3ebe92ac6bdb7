// Dump: CREATE EXTENSION for every installed extension except the always-present plpgsql.
import { quoteIdent } from '../../db/quote.js';
import type { Client } from './catalog.js';

export async function dumpExtensions(c: Client): Promise<string[]> {
  const { rows } = await c.query<{ name: string; schema: string }>(
    `SELECT e.extname AS name, n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname <> 'plpgsql' ORDER BY e.oid`);
  return rows.map((r) => `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(r.name)} WITH SCHEMA ${quoteIdent(r.schema)};`);
}
