// Row security as Postgres applies it to a SELECT, rebuilt as one boolean expression so it can be evaluated on a row
// image (the one an event carries) instead of on the table: any permissive policy, and every restrictive one.
import { qualified, quoteIdent } from '../db/quote.js';
import type { RoleMeta, TableMeta } from './types.js';

/** null when no row can pass (no permissive policy applies: default deny). */
export function policyExpression(policies: RoleMeta['policies']): string | null {
  const permissive = policies.filter((p) => p.permissive).map((p) => `(${p.qual})`);
  const restrictive = policies.filter((p) => !p.permissive).map((p) => `(${p.qual})`);
  if (permissive.length === 0) return null;
  return [`(${permissive.join(' OR ')})`, ...restrictive].join(' AND ');
}

/**
 * One statement judging many row images of one table: `$1` is a JSON array of rows, the answer a string of t/f in
 * the same order. The images become records of the table's type under the table's own name, which is how the
 * deparsed policies refer to it; the policies come from the catalog (pg_get_expr), never from a request.
 * json_populate_recordset parses the array once (per-element jsonb records cost four times as much); a table with
 * a column named `ordinality` takes the per-element form, where the row number cannot collide with it.
 */
export function checkStatement(table: Pick<TableMeta, 'schema' | 'table'> & { columns?: Array<{ name: string }> }, expression: string): string {
  const type = qualified(table.schema, table.table);
  const alias = quoteIdent(table.table);
  const verdict = `CASE WHEN coalesce((${expression}), false) THEN 't' ELSE 'f' END`;
  if (!table.columns?.some((c) => c.name === 'ordinality')) {
    return `SELECT string_agg(${verdict}, '' ORDER BY ${alias}.ordinality)
              FROM json_populate_recordset(NULL::${type}, $1::json) WITH ORDINALITY AS ${alias}`;
  }
  return `SELECT string_agg(CASE WHEN v.ok THEN 't' ELSE 'f' END, '' ORDER BY e.ord)
            FROM json_array_elements($1::json) WITH ORDINALITY AS e(image, ord)
            CROSS JOIN LATERAL (SELECT coalesce((${expression}), false) AS ok
                                  FROM json_populate_record(NULL::${type}, e.image) AS ${alias}) AS v`;
}
