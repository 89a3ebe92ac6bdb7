// Catalog items: the user's schemas (public exists in every database, so it is created only if missing).
import { quoteIdent } from '../../db/quote.js';
import { parseAcl } from './acl.js';
import { scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem } from './model.js';
import { propertyItems } from './properties.js';

/** What public has in a database created from template0: its owner may create, everyone may use it. */
const PUBLIC_SCHEMA_ACL = ['pg_database_owner=UC/pg_database_owner', '=U/pg_database_owner'];

export async function readSchemas({ c, scope, oids, currentUser, aclOf }: ReadContext): Promise<CatalogItem[]> {
  // public is not created by the restore: it starts with what template0 gave it, not with acldefault.
  const schemaAcl = (name: string, owner: string, raw: string[] | null) => {
    const acl = aclOf('n', owner, raw);
    return name === 'public' ? { entries: raw ? acl.entries : parseAcl(PUBLIC_SCHEMA_ACL), baseline: parseAcl(PUBLIC_SCHEMA_ACL) } : acl;
  };
  const { rows } = await c.query<{ oid: number; name: string; owner: string; comment: string | null; acl: string[] | null }>(
    `SELECT n.oid::int AS oid, n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner, obj_description(n.oid, 'pg_namespace') AS comment,
            n.nspacl::text[] AS acl
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
        acl: { target, kind: 'n', owner: r.owner, ...schemaAcl(r.name, r.owner, r.acl) },
      }),
    ];
  });
}
