// Catalog items: the user's schemas (public exists in every database, so it is created only if missing).
import { quoteIdent } from '../../db/quote.js';
import { aclColumns, scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type AclEntry, type CatalogItem } from './model.js';
import { propertyItems } from './properties.js';

/** What public has in a database created from template0: its owner may create, everyone may use it. */
const PUBLIC_SCHEMA_ACL = `'{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}'::aclitem[]`;

export async function readSchemas({ c, scope, oids, currentUser }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ oid: number; name: string; owner: string; comment: string | null; acl: AclEntry[]; acl_default: AclEntry[] }>(
    `SELECT n.oid::int AS oid, n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner, obj_description(n.oid, 'pg_namespace') AS comment,
            ${aclColumns('n.nspacl', 'n', 'n.nspowner', `CASE WHEN n.nspname = 'public' THEN ${PUBLIC_SCHEMA_ACL} ELSE acldefault('n', n.nspowner) END`)}
       FROM pg_namespace n WHERE ${userSchema('n')} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')`,
    scopeParams(scope));
  return rows.flatMap((r) => {
    const key = keyOf.schema(r.name);
    oids.set('pg_namespace', r.oid, key);
    const target = `SCHEMA ${quoteIdent(r.name)}`;
    return [
      item('schema', key, 'pre', `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(r.name)};`, { name: r.name }),
      ...propertyItems({
        key, commentTarget: target, comment: r.comment,
        owner: { alterTarget: target, owner: r.owner, defaultOwner: r.name === 'public' ? 'pg_database_owner' : currentUser },
        acl: { target, kind: 'n', owner: r.owner, entries: r.acl, baseline: r.acl_default },
      }),
    ];
  });
}
