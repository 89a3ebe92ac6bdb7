// Identifies one row by its primary key values, validated against the catalog: `"id" = $1::bigint AND …`.
import { quoteIdent } from '../db/quote.js';
import { badRequest } from '../errors.js';
import { columnOf, type TableMeta } from './table-meta.js';
import { toPgText } from './pg-values.js';
import type { Params } from './where.js';

export function pkCondition(meta: TableMeta, pk: unknown, params: Params, label = 'pk'): string {
  if (meta.primary_key.length === 0) {
    throw badRequest('NO_PRIMARY_KEY', `${meta.schema}.${meta.name} has no primary key, so single rows cannot be addressed`, {
      hint: 'Add a primary key to the table to edit it in the grid',
    });
  }
  if (typeof pk !== 'object' || pk === null || Array.isArray(pk)) {
    throw badRequest('INVALID_PK', `${label} must be an object of primary key values, e.g. {"${meta.primary_key[0]}": 1}`);
  }
  const given = Object.keys(pk);
  const missing = meta.primary_key.filter((k) => !given.includes(k));
  const extra = given.filter((k) => !meta.primary_key.includes(k));
  if (missing.length || extra.length) {
    throw badRequest('INVALID_PK', `${label} must name exactly the primary key columns (${meta.primary_key.join(', ')})`, {
      detail: { missing, extra },
    });
  }
  return meta.primary_key.map((name) => {
    const col = columnOf(meta, name);
    const value = (pk as Record<string, unknown>)[name];
    if (value === null || value === undefined) throw badRequest('INVALID_PK', `${label}.${name} cannot be null`);
    return `${quoteIdent(name)} = ${params.add(toPgText(value, col))}::${col.type}`;
  }).join(' AND ');
}
