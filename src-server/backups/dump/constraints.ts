// Catalog items: table constraints. Checks come right after their table (before the data, like an inline check);
// primary keys, unique and exclusion constraints after the data; foreign keys after the keys they reference.
// Constraints a child gets from its parent (inheritance, partitions) are left to the parent's.
import { qualified, quoteIdent } from '../../db/quote.js';
import { notFromExtension, scopeParams, userSchema, type ReadContext } from './catalog.js';
import { keyOf } from './keys.js';
import { item, type CatalogItem, type ConstraintData } from './model.js';
import { propertyItems } from './properties.js';

export function constraintSql(c: ConstraintData): string {
  return `ALTER TABLE ${c.target} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition};`;
}

export async function readConstraints({ c, scope, oids }: ReadContext): Promise<CatalogItem[]> {
  const { rows } = await c.query<{ oid: number; index: number; schema: string; table: string; name: string; contype: string; def: string; comment: string | null }>(
    `SELECT k.oid::int AS oid, k.conindid::int AS index, n.nspname AS schema, t.relname AS table, k.conname AS name, k.contype::text AS contype,
            pg_get_constraintdef(k.oid) AS def, obj_description(k.oid, 'pg_constraint') AS comment
       FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE k.contype IN ('c', 'p', 'u', 'x', 'f') AND k.coninhcount = 0 AND k.conparentid = 0 AND t.relkind IN ('r', 'p')
        AND ${userSchema('n')} AND ${notFromExtension('pg_class', 't.oid')}`,
    scopeParams(scope));
  return rows.flatMap((r) => {
    const table = qualified(r.schema, r.table);
    const key = keyOf.onTable('constraint', table, r.name);
    oids.set('pg_constraint', r.oid, key);
    if (r.index && r.contype !== 'f') oids.set('pg_class', r.index, key);
    const data: ConstraintData = { table: keyOf.relation('table', r.schema, r.table), name: r.name, contype: r.contype, definition: r.def, target: table };
    return [
      item('constraint', key, r.contype === 'c' ? 'pre' : 'post', constraintSql(data), data, [data.table]),
      ...propertyItems({ key, commentTarget: `CONSTRAINT ${quoteIdent(r.name)} ON ${table}`, comment: r.comment }),
    ];
  });
}
