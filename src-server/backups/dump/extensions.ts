// Catalog items: CREATE EXTENSION for every installed extension except the always-present plpgsql. Objects that
// belong to an extension are not items of their own: dependencies on them resolve to their extension.
import { quoteIdent } from '../../db/quote.js';
import type { ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem } from './model.js';
import { propertyItems } from './properties.js';

export async function readExtensions({ c, oids }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ oid: number; name: string; schema: string; version: string; comment: string | null }>(
    `SELECT e.oid::int AS oid, e.extname AS name, n.nspname AS schema, e.extversion AS version, obj_description(e.oid, 'pg_extension') AS comment
       FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'`);
  const { rows: members } = await c.query<{ catalog: string; objid: number; ext: number }>(
    `SELECT d.classid::regclass::text AS catalog, d.objid::int8::text AS objid, d.refobjid::int AS ext
       FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'`);
  const byOid = new Map<number, string>();
  const out = rows.flatMap((r) => {
    const key = keyOf.extension(r.name);
    byOid.set(r.oid, key);
    oids.set('pg_extension', r.oid, key);
    return [
      item('extension', key, 'pre', `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(r.name)} WITH SCHEMA ${quoteIdent(r.schema)};`,
        { name: r.name, schema: r.schema, version: r.version }, [keyOf.schema(r.schema)]),
      ...propertyItems({ key, commentTarget: `EXTENSION ${quoteIdent(r.name)}`, comment: r.comment }),
    ];
  });
  for (const m of members) {
    const key = byOid.get(m.ext);
    if (key) oids.set(m.catalog, m.objid, key);
  }
  return out;
}
