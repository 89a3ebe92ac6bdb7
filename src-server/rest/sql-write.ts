// Builds the data API's writes (INSERT/UPDATE/DELETE … RETURNING) and function calls as parameterized SQL; the
// changed rows are shaped by the same select-list builder as reads.
import { qualified, quoteIdent } from '../db/quote.js';
import type { ReadPlan } from './plan.js';
import type { DbFunction, Relation } from './schema-cache.js';
import { bodySql, levelSql, orderSql, whereParts, type BodyFormat, type Builder, type ReadStatement } from './sql.js';

const relationSql = (rel: Relation) => qualified(rel.schema, rel.name);

export interface MutationSql {
  /** INSERT/UPDATE/DELETE … RETURNING, placed in the pgrst_source CTE. */
  mutation: string;
  returning: boolean;
  /** The CTE's rows are `(pgrst_row, pgrst_inserted)` pairs (upserts, to tell inserted rows from updated ones). */
  upsert?: boolean;
}

/**
 * WITH pgrst_source AS (<mutation>) → one row: `total` (rows inserted, for upserts), `page_total` (rows changed) and
 * the body over the returned rows, shaped by the select list.
 */
export function mutationStatement(b: Builder, plan: ReadPlan, m: MutationSql, format: BodyFormat): ReadStatement {
  const inserted = m.upsert ? '(SELECT count(*) FROM pgrst_source WHERE pgrst_inserted)' : 'NULL::bigint';
  if (!m.returning) {
    return { text: `WITH pgrst_source AS (${m.mutation}) SELECT ${inserted} AS total, count(*) AS page_total, NULL::text AS body FROM pgrst_source`, values: b.params.values };
  }
  const alias = b.nextAlias();
  const rows = m.upsert ? '(SELECT (pgrst_row).* FROM pgrst_source)' : 'pgrst_source';
  const level = levelSql(b, alias, plan);
  const page = `SELECT ${level.list} FROM ${rows} AS ${quoteIdent(alias)}${level.laterals}${level.groupBy}${orderSql(b, alias, plan.order)}`;
  return {
    text: `WITH pgrst_source AS (${m.mutation}), pgrst_page AS (${page}) SELECT ${inserted} AS total, count(*) AS page_total, ${bodySql(format, 'pgrst_page')} AS body FROM pgrst_page AS _s`,
    values: b.params.values,
  };
}

export function insertSql(b: Builder, rel: Relation, columns: string[], rows: Record<string, unknown>[], opts: {
  missingDefault: boolean; onConflict?: string[]; resolution?: 'merge-duplicates' | 'ignore-duplicates'; returning: boolean;
}): MutationSql {
  const target = relationSql(rel);
  const colList = columns.map(quoteIdent).join(', ');
  let body: string;
  if (columns.length === 0) body = rows.length === 1 ? 'DEFAULT VALUES' : `SELECT FROM generate_series(1, ${b.params.add(rows.length)}::int)`;
  else if (opts.missingDefault) {
    const values = rows.map((row) => {
      const p = b.params.add(JSON.stringify(row));
      return `(${columns.map((c) => (Object.hasOwn(row, c) ? `(json_populate_record(NULL::${target}, ${p}::json)).${quoteIdent(c)}` : 'DEFAULT')).join(', ')})`;
    });
    body = `(${colList}) VALUES ${values.join(', ')}`;
  } else {
    body = `(${colList}) SELECT ${colList} FROM json_populate_recordset(NULL::${target}, ${b.params.add(JSON.stringify(rows))}::json)`;
  }
  let conflict = '';
  // Upserts on tables report which rows were new (xmax = 0): 201 when any was inserted, 200 when all were updated.
  const upsert = opts.resolution === 'merge-duplicates' && rel.kind === 'table';
  if (opts.resolution) {
    const keys = opts.onConflict ?? rel.primaryKey;
    const updates = columns.filter((c) => !keys.includes(c));
    // A payload of only the key columns still "updates" the row (to itself), so it is returned like PostgREST does.
    const sets = (updates.length ? updates : keys.filter((k) => columns.includes(k))).map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
    conflict = opts.resolution === 'ignore-duplicates' || sets.length === 0
      ? ` ON CONFLICT (${keys.map(quoteIdent).join(', ')}) DO NOTHING`
      : ` ON CONFLICT (${keys.map(quoteIdent).join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
  }
  if (upsert) {
    const returning = opts.returning ? 'pgrst_target AS pgrst_row, ' : '';
    return { mutation: `INSERT INTO ${target} AS pgrst_target ${body}${conflict} RETURNING ${returning}pgrst_target.xmax = 0 AS pgrst_inserted`, returning: opts.returning, upsert };
  }
  return { mutation: `INSERT INTO ${target} ${body}${conflict} RETURNING ${opts.returning ? '*' : '1'}`, returning: opts.returning };
}

export function updateSql(b: Builder, plan: ReadPlan, columns: string[], row: Record<string, unknown>, returning: boolean): MutationSql {
  const alias = b.nextAlias();
  const target = relationSql(plan.rel);
  const sets = columns.map((c) => `${quoteIdent(c)} = _body.${quoteIdent(c)}`).join(', ');
  const body = `json_populate_record(NULL::${target}, ${b.params.add(JSON.stringify(row))}::json) AS _body`;
  const where = whereParts(b, alias, plan);
  return {
    mutation: `UPDATE ${target} AS ${quoteIdent(alias)} SET ${sets} FROM ${body}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} RETURNING ${returning ? `${quoteIdent(alias)}.*` : '1'}`,
    returning,
  };
}

export function deleteSql(b: Builder, plan: ReadPlan, returning: boolean): MutationSql {
  const alias = b.nextAlias();
  const where = whereParts(b, alias, plan);
  return {
    mutation: `DELETE FROM ${relationSql(plan.rel)} AS ${quoteIdent(alias)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} RETURNING ${returning ? `${quoteIdent(alias)}.*` : '1'}`,
    returning,
  };
}

/**
 * `schema.fn(a := $1::type, …)`; argument types come from the catalog. A row-type argument is read from its JSON
 * object; a lone unnamed parameter is passed by position (the whole body, or the value of the key "").
 */
export function functionCallSql(b: Builder, fn: DbFunction, args: Map<string, unknown>, wholeBody: { value: unknown } | undefined): string {
  const name = qualified(fn.schema, fn.name);
  if (wholeBody) {
    const v = wholeBody.value;
    return `${name}(${b.params.add(typeof v === 'string' ? v : JSON.stringify(v))}::${fn.args[0].type})`;
  }
  const parts: string[] = [];
  for (const arg of fn.args) {
    if (!args.has(arg.name)) continue;
    const p = b.params.add(args.get(arg.name));
    const value = arg.composite ? `json_populate_record(NULL::${arg.type}, ${p}::json)` : `${p}::${arg.type}`;
    parts.push(arg.name === '' ? value : `${arg.variadic ? 'VARIADIC ' : ''}${quoteIdent(arg.name)} := ${value}`);
  }
  return `${name}(${parts.join(', ')})`;
}

/** The rpc source in FROM; a function returning scalars becomes one column named like the function. */
export function functionSource(fn: DbFunction, call: (b: Builder) => string) {
  return (b: Builder) => (fn.returnKind === 'scalar' ? `(SELECT _f AS ${quoteIdent(fn.name)} FROM ${call(b)} AS _f)` : call(b));
}
