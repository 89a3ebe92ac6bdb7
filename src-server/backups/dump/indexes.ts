// Catalog items: indexes that do not back a constraint (those come with their constraint), on tables and
// materialized views. A partition's copy of its parent's index is created by the parent's.
import { qualified } from '../../db/quote.js';
import { notFromExtension, scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem } from './model.js';
import { propertyItems } from './properties.js';

export async function readIndexes({ c, scope, oids }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ oid: number; schema: string; name: string; table: string; relkind: string; def: string; comment: string | null }>(
    `SELECT ic.oid::int AS oid, n.nspname AS schema, ic.relname AS name, t.relname AS table, t.relkind::text AS relkind,
            pg_get_indexdef(i.indexrelid) AS def, obj_description(ic.oid, 'pg_class') AS comment
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE ${userSchema('n')} AND t.relkind IN ('r', 'p', 'm') AND ${notFromExtension('pg_class', 't.oid')}
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = t.oid AND k.contype IN ('p', 'u', 'x'))
        AND NOT ic.relispartition`,
    scopeParams(scope));
  return rows.flatMap((r) => {
    const key = keyOf.index(r.schema, r.name);
    oids.set('pg_class', r.oid, key);
    const table = keyOf.relation(r.relkind === 'm' ? 'matview' : 'table', r.schema, r.table);
    // An index on a partitioned table reads `ON ONLY` (the parent alone); created without it, it recurses into the
    // partitions as the original did.
    const sql = `${r.relkind === 'p' ? r.def.replace(' ON ONLY ', ' ON ') : r.def};`;
    return [
      item('index', key, 'post', sql, { definition: sql, table }, [table]),
      ...propertyItems({ key, commentTarget: `INDEX ${qualified(r.schema, r.name)}`, comment: r.comment }),
    ];
  });
}
