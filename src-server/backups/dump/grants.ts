// Dump: privileges granted on schemas, tables, views, sequences and functions (the owner's own are implicit).
import { notFromExtension, userSchema, type Client } from './catalog.js';

export async function dumpGrants(c: Client): Promise<string[]> {
  const { rows } = await c.query<{ sql: string }>(
    `WITH objects AS (
       SELECT 'SCHEMA ' || quote_ident(n.nspname) AS target, n.nspacl AS acl, n.nspowner AS owner, 1 AS ord, n.oid::int AS oid
         FROM pg_namespace n WHERE ${userSchema('n')}
       UNION ALL
       SELECT CASE WHEN t.relkind = 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END || quote_ident(n.nspname) || '.' || quote_ident(t.relname),
              t.relacl, t.relowner, 2, t.oid::int
         FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE t.relkind IN ('r', 'p', 'v', 'm', 'S') AND ${userSchema('n')} AND ${notFromExtension('pg_class', 't.oid')}
       UNION ALL
       SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.proacl, p.proowner, 3, p.oid::int
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prokind IN ('f', 'p') AND ${userSchema('n')} AND ${notFromExtension('pg_proc', 'p.oid')}
     )
     SELECT 'GRANT ' || a.privilege_type || ' ON ' || o.target || ' TO '
              || CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
              || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END || ';' AS sql
       FROM objects o, LATERAL aclexplode(o.acl) a
      WHERE o.acl IS NOT NULL AND a.grantee <> o.owner
      ORDER BY o.ord, o.oid, a.grantee, a.privilege_type`);
  return rows.map((r) => r.sql);
}
