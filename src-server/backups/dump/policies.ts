// Dump: row level security switches and policies.
import { qualified, quoteIdent } from '../../db/quote.js';
import { notFromExtension, userSchema, type Client } from './catalog.js';

export async function dumpPolicies(c: Client): Promise<string[]> {
  const { rows: tables } = await c.query<{ schema: string; name: string; rls: boolean; force: boolean }>(
    `SELECT n.nspname AS schema, t.relname AS name, t.relrowsecurity AS rls, t.relforcerowsecurity AS force
       FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE t.relkind IN ('r', 'p') AND (t.relrowsecurity OR t.relforcerowsecurity) AND ${userSchema('n')} AND ${notFromExtension('pg_class', 't.oid')}
      ORDER BY t.oid`);
  const out = tables.flatMap((t) => [
    ...(t.rls ? [`ALTER TABLE ${qualified(t.schema, t.name)} ENABLE ROW LEVEL SECURITY;`] : []),
    ...(t.force ? [`ALTER TABLE ${qualified(t.schema, t.name)} FORCE ROW LEVEL SECURITY;`] : []),
  ]);
  const { rows } = await c.query<{ schema: string; table: string; name: string; permissive: boolean; cmd: string; roles: string[]; qual: string | null; check: string | null }>(
    `SELECT n.nspname AS schema, t.relname AS table, p.polname AS name, p.polpermissive AS permissive, p.polcmd::text AS cmd,
            CASE WHEN p.polroles = '{0}' THEN ARRAY['public'] ELSE
              (SELECT array_agg(quote_ident(r.rolname) ORDER BY r.rolname) FROM pg_roles r WHERE r.oid = ANY(p.polroles)) END AS roles,
            pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check
       FROM pg_policy p JOIN pg_class t ON t.oid = p.polrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE ${userSchema('n')} ORDER BY p.oid`);
  const commands: Record<string, string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };
  for (const p of rows) {
    let sql = `CREATE POLICY ${quoteIdent(p.name)} ON ${qualified(p.schema, p.table)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'}`
      + ` FOR ${commands[p.cmd]} TO ${p.roles.join(', ')}`;
    if (p.qual !== null) sql += ` USING (${p.qual})`;
    if (p.check !== null) sql += ` WITH CHECK (${p.check})`;
    out.push(sql + ';');
  }
  return out;
}
