// Dump: enum, composite and domain types defined by the user.
import { qualified, quoteLiteral } from '../../db/quote.js';
import { notFromExtension, userSchema, type Client } from './catalog.js';

export async function dumpTypes(c: Client): Promise<string[]> {
  const { rows } = await c.query<{ oid: number; schema: string; name: string; kind: string; relid: number; labels: string[] | null;
    attrs: string[] | null; base: string | null; notnull: boolean; def: string | null; checks: string[] | null; collation: string | null }>(
    `SELECT t.oid, n.nspname AS schema, t.typname AS name, t.typtype AS kind, t.typrelid::int AS relid,
            (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
            (SELECT array_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
               FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS attrs,
            CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
            t.typnotnull AS notnull, t.typdefault AS def,
            (SELECT array_agg(quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid) ORDER BY k.oid)
               FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') AS checks,
            CASE WHEN t.typcollation <> 0 AND t.typcollation <> (SELECT typcollation FROM pg_type WHERE oid = t.typbasetype)
                 THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END AS collation
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE ${userSchema('n')} AND ${notFromExtension('pg_type', 't.oid')}
        AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
      ORDER BY t.oid`);
  return rows.map((t) => {
    const name = qualified(t.schema, t.name);
    if (t.kind === 'e') return `CREATE TYPE ${name} AS ENUM (${(t.labels ?? []).map(quoteLiteral).join(', ')});`;
    if (t.kind === 'c') return `CREATE TYPE ${name} AS (${(t.attrs ?? []).join(', ')});`;
    let sql = `CREATE DOMAIN ${name} AS ${t.base}`;
    if (t.collation) sql += ` COLLATE ${t.collation}`;
    if (t.def !== null) sql += ` DEFAULT ${t.def}`;
    if (t.notnull) sql += ' NOT NULL';
    for (const check of t.checks ?? []) sql += ` CONSTRAINT ${check}`;
    return sql + ';';
  });
}

