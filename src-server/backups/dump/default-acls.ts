// Catalog items: default privileges (ALTER DEFAULT PRIVILEGES). They come last in a dump, so the objects it creates
// get exactly the privileges dumped for them rather than these defaults on top.
import { DEFAULT_ACL_OBJECTS, aclStatements, defaultAclPrefix, sortAcl } from './acl.js';
import { aclJson, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type AclEntry, type CatalogItem } from './model.js';

export async function readDefaultAcls({ c, scope }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ role: string; schema: string | null; objtype: string; acl: AclEntry[]; acl_default: AclEntry[] }>(
    `SELECT pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype::text AS objtype, ${aclJson('d.defaclacl')} AS acl,
            CASE WHEN d.defaclnamespace = 0 THEN ${aclJson(`acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END, d.defaclrole)`)}
                 ELSE '[]'::json END AS acl_default
       FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
      WHERE (d.defaclnamespace = 0 AND $2::text[] IS NULL)
         OR (n.nspname NOT IN ('pg_catalog', 'information_schema', 'trestle') AND NOT (n.nspname = ANY($1::text[]))
             AND ($2::text[] IS NULL OR n.nspname = ANY($2::text[])))`,
    [scope.exclude, scope.include]);
  return rows.filter((r) => DEFAULT_ACL_OBJECTS[r.objtype]).map((r) => {
    const entries = sortAcl(r.acl);
    const baseline = sortAcl(r.acl_default);
    const prefix = defaultAclPrefix(r.role, r.schema);
    const sql = aclStatements(DEFAULT_ACL_OBJECTS[r.objtype], baseline, entries, { prefix }).join('\n');
    const key = keyOf.defaultAcl(r.role, r.schema, r.objtype);
    return item('default_acl', key, 'post', sql, { role: r.role, schema: r.schema, objtype: r.objtype, entries, baseline },
      r.schema ? [keyOf.schema(r.schema)] : []);
  });
}
