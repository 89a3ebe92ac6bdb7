// Dump: owners other than the dumping role (e.g. GoTrue's tables belong to supabase_auth_admin), restored before the
// grants so privileges are re-granted by the right owner. A role missing where the dump is loaded keeps the loader's.
import { notFromExtension, userSchema, type Client } from './catalog.js';

export async function dumpOwners(c: Client): Promise<string[]> {
  const { rows } = await c.query<{ target: string; owner: string }>(
    `WITH objects AS (
       SELECT 1 AS ord, n.oid::int AS oid, 'SCHEMA ' || quote_ident(n.nspname) AS target, n.nspowner AS owner
         FROM pg_namespace n WHERE ${userSchema('n')}
       UNION ALL
       SELECT 2, t.oid::int, 'TYPE ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname), t.typowner
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE ${userSchema('n')} AND ${notFromExtension('pg_type', 't.oid')}
          AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
       UNION ALL
       SELECT 3, c.oid::int, CASE c.relkind WHEN 'S' THEN 'SEQUENCE ' WHEN 'v' THEN 'VIEW ' WHEN 'm' THEN 'MATERIALIZED VIEW ' ELSE 'TABLE ' END
                || quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relowner
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND ${userSchema('n')} AND ${notFromExtension('pg_class', 'c.oid')}
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
       UNION ALL
       SELECT 4, p.oid::int, CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.proowner
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prokind IN ('f', 'p') AND ${userSchema('n')} AND ${notFromExtension('pg_proc', 'p.oid')}
     )
     SELECT target, pg_get_userbyid(owner) AS owner FROM objects WHERE owner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
      ORDER BY ord, oid`);
  return rows.map((r) => {
    const role = r.owner.replace(/'/g, "''");
    const ident = `"${r.owner.replace(/"/g, '""')}"`;
    return `DO $owner$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN ALTER ${r.target} OWNER TO ${ident}; END IF; END $owner$;`;
  });
}
