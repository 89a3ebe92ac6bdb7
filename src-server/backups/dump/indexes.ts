// Dump: indexes that do not back a constraint (those come with their constraint).
import { notFromExtension, userSchema, type Client } from './catalog.js';

export async function dumpIndexes(c: Client): Promise<string[]> {
  const { rows } = await c.query<{ def: string }>(
    `SELECT pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE ${userSchema('n')} AND t.relkind IN ('r', 'm') AND ${notFromExtension('pg_class', 't.oid')}
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
        AND NOT t.relispartition
      ORDER BY ic.oid`);
  return rows.map((r) => `${r.def};`);
}
