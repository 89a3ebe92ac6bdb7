// Dependencies between items, from pg_depend: every normal or automatic dependency whose two ends are items (or
// belong to one: a column to its table, a default to its table, a view's rule to the view, an extension's member
// to the extension) becomes an edge. A sequence's OWNED BY is its own item, so it does not order the sequence.
import type { ReadContext } from './catalog.js';
import type { CatalogItem } from './model.js';

/** Objects created by initdb have oids below this; user objects and their dependencies are above. */
const FIRST_NORMAL_OID = 16384;

export async function addDependencies({ c, oids }: ReadContext, items: Map<string, CatalogItem>): Promise<void> {
  const { rows: defaults } = await c.query<{ oid: string; rel: string }>(`SELECT oid::int8::text AS oid, adrelid::int8::text AS rel FROM pg_attrdef`);
  for (const d of defaults) {
    const key = oids.get('pg_class', d.rel);
    if (key) oids.set('pg_attrdef', d.oid, key);
  }
  const { rows: arrays } = await c.query<{ oid: string; elem: string }>(
    `SELECT oid::int8::text AS oid, typelem::int8::text AS elem FROM pg_type WHERE typelem <> 0 AND typcategory = 'A' AND oid >= ${FIRST_NORMAL_OID}`);
  for (const a of arrays) {
    const key = oids.get('pg_type', a.elem);
    if (key && !oids.get('pg_type', a.oid)) oids.set('pg_type', a.oid, key);
  }
  const { rows: catalogs } = await c.query<{ oid: number; name: string }>(
    `SELECT oid::int AS oid, relname AS name FROM pg_class WHERE relnamespace = 'pg_catalog'::regnamespace AND relname IN
       ('pg_class', 'pg_type', 'pg_proc', 'pg_namespace', 'pg_constraint', 'pg_attrdef', 'pg_rewrite', 'pg_trigger', 'pg_policy', 'pg_event_trigger', 'pg_extension')`);
  const catalogName = new Map(catalogs.map((r) => [r.oid, r.name]));
  // Both ends are user objects: dependencies on what initdb made (built-in types, pg_catalog, public) order nothing here.
  const { rows: raw } = await c.query<{ classid: number; objid: string; refclassid: number; refobjid: string; deptype: string }>(
    `SELECT classid::int AS classid, objid::int8::text AS objid, refclassid::int AS refclassid, refobjid::int8::text AS refobjid, deptype::text AS deptype
       FROM pg_depend WHERE deptype IN ('n', 'a') AND objid >= ${FIRST_NORMAL_OID} AND refobjid >= ${FIRST_NORMAL_OID} AND classid = ANY($1::oid[])`,
    [catalogs.map((r) => r.oid)]);
  const rows = raw.map((d) => ({ catalog: catalogName.get(d.classid) ?? '', objid: d.objid, ref_catalog: catalogName.get(d.refclassid) ?? '', refobjid: d.refobjid, deptype: d.deptype }));
  for (const d of rows) {
    const from = oids.get(d.catalog, d.objid);
    const to = oids.get(d.ref_catalog, d.refobjid);
    if (!from || !to || from === to) continue;
    const item = items.get(from);
    if (!item) continue;
    if (d.deptype === 'a' && item.kind === 'sequence') continue;
    item.deps.add(to);
  }
}
