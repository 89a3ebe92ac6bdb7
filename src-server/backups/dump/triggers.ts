// Dump: user triggers (not the internal ones behind foreign keys, nor Trestle's own webhook and realtime capture
// triggers, whose functions live in the trestle schema and which Trestle installs again where needed).
import { notFromExtension, userSchema, type Client } from './catalog.js';

export async function dumpTriggers(c: Client): Promise<string[]> {
  const { rows } = await c.query<{ def: string; enabled: string; tbl: string; name: string }>(
    `SELECT pg_get_triggerdef(g.oid) AS def, g.tgenabled AS enabled, quote_ident(n.nspname) || '.' || quote_ident(t.relname) AS tbl,
            quote_ident(g.tgname) AS name
       FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_proc f ON f.oid = g.tgfoid JOIN pg_namespace fn ON fn.oid = f.pronamespace
      WHERE NOT g.tgisinternal AND fn.nspname <> 'trestle' AND ${userSchema('n')} AND ${notFromExtension('pg_class', 't.oid')}
      ORDER BY g.oid`);
  return rows.flatMap((r) => [`${r.def};`, ...(r.enabled === 'D' ? [`ALTER TABLE ${r.tbl} DISABLE TRIGGER ${r.name};`] : [])]);
}
