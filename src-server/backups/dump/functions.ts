// Catalog items: functions and procedures (the dump loads with check_function_bodies off, so a body may name
// objects created later; what a signature names is a dependency).
import { qualified } from '../../db/quote.js';
import { notFromExtension, scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem } from './model.js';
import { propertyItems } from './properties.js';

export async function readFunctions({ c, scope, oids, currentUser, aclOf }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ oid: number; schema: string; name: string; kind: string; def: string; identity: string; args: string;
    result: string | null; owner: string; comment: string | null; acl: string[] | null }>(
    `SELECT p.oid::int AS oid, n.nspname AS schema, p.proname AS name, p.prokind::text AS kind, pg_get_functiondef(p.oid) AS def,
            pg_get_function_identity_arguments(p.oid) AS identity, pg_get_function_arguments(p.oid) AS args,
            pg_get_function_result(p.oid) AS result, pg_get_userbyid(p.proowner) AS owner, obj_description(p.oid, 'pg_proc') AS comment,
            p.proacl::text[] AS acl
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.prokind IN ('f', 'p', 'w') AND ${userSchema('n')} AND ${notFromExtension('pg_proc', 'p.oid')}
        -- Constructors a range type made for itself come back with the type.
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')`,
    scopeParams(scope));
  return rows.flatMap((r) => {
    const key = keyOf.function(r.schema, r.name, r.identity);
    oids.set('pg_proc', r.oid, key);
    const target = `${r.kind === 'p' ? 'PROCEDURE' : 'FUNCTION'} ${qualified(r.schema, r.name)}(${r.identity})`;
    return [
      item('function', key, 'pre', `${r.def.trim()};`, {
        schema: r.schema, name: r.name, identityArgs: r.identity, arguments: r.args, result: r.result ?? '', prokind: r.kind,
      }, [keyOf.schema(r.schema)]),
      ...propertyItems({
        key, commentTarget: target, comment: r.comment,
        owner: { alterTarget: target, owner: r.owner, defaultOwner: currentUser },
        acl: { target, kind: 'f', owner: r.owner, ...aclOf('f', r.owner, r.acl) },
      }),
    ];
  });
}
