// Dump: the user's schemas.
import { quoteIdent } from '../../db/quote.js';
import { userSchema, type Client } from './catalog.js';

export async function dumpSchemas(c: Client): Promise<string[]> {
  const { rows } = await c.query<{ name: string }>(`SELECT n.nspname AS name FROM pg_namespace n WHERE ${userSchema('n')} ORDER BY n.oid`);
  return rows.map((r) => `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(r.name)};`);
}
