// Catalog items: row level security policies (the switches themselves are read with the tables).
import { qualified, quoteIdent } from '../../db/quote.js';
import { scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem } from './model.js';
import { propertyItems } from './properties.js';

const COMMANDS: Record<string, string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };

export async function readPolicies({ c, scope, oids }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ oid: number; schema: string; table: string; name: string; permissive: boolean; cmd: string; roles: string[];
    qual: string | null; check: string | null; comment: string | null }>(
    `SELECT p.oid::int AS oid, n.nspname AS schema, t.relname AS table, p.polname AS name, p.polpermissive AS permissive, p.polcmd::text AS cmd,
            CASE WHEN p.polroles = '{0}' THEN ARRAY['public'] ELSE
              (SELECT array_agg(quote_ident(r.rolname) ORDER BY r.rolname) FROM pg_roles r WHERE r.oid = ANY(p.polroles)) END AS roles,
            pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check,
            obj_description(p.oid, 'pg_policy') AS comment
       FROM pg_policy p JOIN pg_class t ON t.oid = p.polrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE ${userSchema('n')}`,
    scopeParams(scope));
  return rows.flatMap((p) => {
    const table = qualified(p.schema, p.table);
    const key = keyOf.onTable('policy', table, p.name);
    oids.set('pg_policy', p.oid, key);
    let sql = `CREATE POLICY ${quoteIdent(p.name)} ON ${table} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${COMMANDS[p.cmd]} TO ${p.roles.join(', ')}`;
    if (p.qual !== null) sql += ` USING (${p.qual})`;
    if (p.check !== null) sql += ` WITH CHECK (${p.check})`;
    sql += ';';
    const tableKey = keyOf.relation('table', p.schema, p.table);
    return [
      item('policy', key, 'post', sql, { definition: sql, table: tableKey, name: p.name }, [tableKey]),
      ...propertyItems({ key, commentTarget: `POLICY ${quoteIdent(p.name)} ON ${table}`, comment: p.comment }),
    ];
  });
}
