// Dump: views (with their options, e.g. security_invoker) and materialized views (created empty, refreshed after data).
import { qualified } from '../../db/quote.js';
import { notFromExtension, userSchema, type Client } from './catalog.js';

export async function dumpViews(c: Client): Promise<{ create: string[]; refresh: string[] }> {
  const { rows } = await c.query<{ schema: string; name: string; kind: string; def: string; options: string[] | null }>(
    `SELECT n.nspname AS schema, v.relname AS name, v.relkind::text AS kind, pg_get_viewdef(v.oid) AS def, v.reloptions AS options
       FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace
      WHERE v.relkind IN ('v', 'm') AND ${userSchema('n')} AND ${notFromExtension('pg_class', 'v.oid')}
      ORDER BY v.oid`);
  const create: string[] = [];
  const refresh: string[] = [];
  for (const v of rows) {
    const name = qualified(v.schema, v.name);
    const body = v.def.trim().replace(/;$/, '');
    const options = v.options?.length ? ` WITH (${v.options.join(', ')})` : '';
    if (v.kind === 'v') create.push(`CREATE VIEW ${name}${options} AS\n${body};`);
    else {
      create.push(`CREATE MATERIALIZED VIEW ${name}${options} AS\n${body}\nWITH NO DATA;`);
      refresh.push(`REFRESH MATERIALIZED VIEW ${name};`);
    }
  }
  return { create, refresh };
}
