// Builds ONE parameterized statement from a plan: embeds as correlated sub-selects with json_agg/row_to_json,
// identifiers only through quoteIdent, every value a $n parameter.
import { qualified, quoteIdent } from '../db/quote.js';
import { ApiError } from '../errors.js';
import type { Condition, Field } from './ast.js';
import type { DbFunction, Relation } from './schema-cache.js';
import type { Join, PlannedFilter, PlannedItem, PlannedOrder, ReadPlan } from './plan.js';

/** The protocol's limit on bind parameters per statement. */
const MAX_PARAMS = 65_535;

export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    if (this.values.length >= MAX_PARAMS) {
      throw new ApiError(400, 'PGRST100', `The request needs more than ${MAX_PARAMS} values in one statement`, { hint: 'Split it into smaller requests' });
    }
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Statement-wide builder state: parameters and unique table aliases. */
export class Builder {
  readonly params = new Params();
  private aliasCount = 0;
  nextAlias(): string {
    return `_t${this.aliasCount++}`;
  }
}

const COMPARE: Record<string, string> = {
  eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=', like: 'LIKE', ilike: 'ILIKE', match: '~', imatch: '~*',
  cs: '@>', cd: '<@', ov: '&&', sl: '<<', sr: '>>', nxl: '&<', nxr: '&>', adj: '-|-', isdistinct: 'IS DISTINCT FROM',
};
const TSQUERY: Record<string, string> = { fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery' };
const IS: Record<string, string> = { null: 'IS NULL', not_null: 'IS NOT NULL', true: 'IS TRUE', false: 'IS FALSE', unknown: 'IS UNKNOWN' };
const NO_CAST_OPS = new Set(['like', 'ilike', 'match', 'imatch']);

export function fieldSql(b: Builder, alias: string, field: Field): string {
  let sql = `${quoteIdent(alias)}.${quoteIdent(field.name)}`;
  for (const step of field.path) {
    sql += step.arrow + (step.index !== undefined ? `${b.params.add(step.index)}::int` : `${b.params.add(step.key)}::text`);
  }
  return sql;
}

function conditionSql(b: Builder, alias: string, cond: Condition, columnType: string): string {
  const lhs = fieldSql(b, alias, cond.field);
  // Values are typed like the column they are compared with (a type name read from the catalog).
  const typed = cond.field.path.length === 0 && columnType !== '' && !NO_CAST_OPS.has(cond.op);
  const cast = (p: string, array = false) => (typed ? `${p}::${columnType}${array ? '[]' : ''}` : p);
  let sql: string;
  if (cond.op === 'is') sql = `${lhs} ${IS[cond.value as string]}`;
  else if (cond.op === 'in') sql = `${lhs} = ANY(${cast(b.params.add(cond.value), true)})`;
  else if (TSQUERY[cond.op]) {
    const fn = TSQUERY[cond.op];
    sql = cond.language !== undefined
      ? `${lhs} @@ ${fn}(${b.params.add(cond.language)}::regconfig, ${b.params.add(cond.value)})`
      : `${lhs} @@ ${fn}(${b.params.add(cond.value)})`;
  } else {
    const like = cond.op === 'like' || cond.op === 'ilike';
    const value = like ? (cond.value as string).replace(/\*/g, '%') : cond.value;
    if (cond.quantifier) sql = `${lhs} ${COMPARE[cond.op]} ${cond.quantifier.toUpperCase()}(${cast(b.params.add(value), true)})`;
    else sql = `${lhs} ${COMPARE[cond.op]} ${cast(b.params.add(value))}`;
  }
  return cond.negate ? `NOT (${sql})` : sql;
}

function filterSql(b: Builder, alias: string, f: PlannedFilter): string {
  if (f.kind === 'cond') return conditionSql(b, alias, f.cond, f.column.type);
  if (f.kind === 'embed-null') return `${f.isNull ? 'NOT ' : ''}EXISTS (${existsSql(b, alias, f.embed)})`;
  const parts = f.children.map((c) => filterSql(b, alias, c));
  const sql = `(${parts.join(f.op === 'and' ? ' AND ' : ' OR ')})`;
  return f.negate ? `NOT ${sql}` : sql;
}

function joinSql(parent: string, child: string, join: Join, b: Builder): string {
  const eq = (l: string, lc: string[], r: string, rc: string[]) =>
    lc.map((c, i) => `${quoteIdent(l)}.${quoteIdent(c)} = ${quoteIdent(r)}.${quoteIdent(rc[i])}`).join(' AND ');
  if (join.kind === 'many-to-one') return eq(child, join.fk.refColumns, parent, join.fk.columns);
  if (join.kind === 'one-to-many') return eq(child, join.fk.columns, parent, join.fk.refColumns);
  const j = b.nextAlias();
  return `EXISTS (SELECT 1 FROM ${qualified(join.junction.schema, join.junction.name)} AS ${quoteIdent(j)} WHERE `
    + `${eq(j, join.target.columns, child, join.target.refColumns)} AND ${eq(j, join.source.columns, parent, join.source.refColumns)})`;
}

/** The rows of an embed that belong to the parent row, with the embed's own filters (and its !inner embeds). */
function embedWhere(b: Builder, parent: string, child: string, embed: PlannedItem & { kind: 'embed' }): string[] {
  return [joinSql(parent, child, embed.join, b), ...whereParts(b, child, embed.plan)];
}

function existsSql(b: Builder, parent: string, embed: PlannedItem & { kind: 'embed' }): string {
  const child = b.nextAlias();
  return `SELECT 1 FROM ${relationSql(embed.plan.rel)} AS ${quoteIdent(child)} WHERE ${embedWhere(b, parent, child, embed).join(' AND ')}`;
}

export function whereParts(b: Builder, alias: string, plan: ReadPlan): string[] {
  const parts = plan.filters.map((f) => filterSql(b, alias, f));
  for (const item of plan.select) {
    if (item.kind === 'embed' && item.inner) parts.push(`EXISTS (${existsSql(b, alias, item)})`);
  }
  return parts;
}

const relationSql = (rel: Relation) => qualified(rel.schema, rel.name);

function orderSql(b: Builder, alias: string, order: PlannedOrder[]): string {
  if (order.length === 0) return '';
  return ' ORDER BY ' + order.map(({ term }) => fieldSql(b, alias, term.field)
    + (term.direction ? ` ${term.direction.toUpperCase()}` : '') + (term.nulls ? ` NULLS ${term.nulls.toUpperCase()}` : '')).join(', ');
}

function pageSql(b: Builder, limit: number | undefined, offset: number | undefined): string {
  return (limit !== undefined ? ` LIMIT ${b.params.add(limit)}` : '') + (offset ? ` OFFSET ${b.params.add(offset)}` : '');
}

export function selectListSql(b: Builder, alias: string, plan: ReadPlan): string {
  const cols = plan.select.map((item) => {
    if (item.kind === 'star') return `${quoteIdent(alias)}.*`;
    if (item.kind === 'column') {
      const expr = fieldSql(b, alias, item.field);
      if (item.plain) return expr;
      return `${item.cast ? `(${expr})::${item.cast}` : expr} AS ${quoteIdent(item.output)}`;
    }
    return `${embedSql(b, alias, item)} AS ${quoteIdent(item.output)}`;
  });
  return cols.length ? cols.join(', ') : 'NULL::int AS "_empty"';
}

function embedSql(b: Builder, parent: string, embed: PlannedItem & { kind: 'embed' }): string {
  const child = b.nextAlias();
  const inner = `SELECT ${selectListSql(b, child, embed.plan)} FROM ${relationSql(embed.plan.rel)} AS ${quoteIdent(child)}`
    + ` WHERE ${embedWhere(b, parent, child, embed).join(' AND ')}`;
  if (embed.toOne) return `(SELECT row_to_json(_e) FROM (${inner} LIMIT 1) AS _e)`;
  return `(SELECT coalesce(json_agg(_e), '[]') FROM (${inner}${orderSql(b, child, embed.plan.order)}${pageSql(b, embed.plan.limit, embed.plan.offset)}) AS _e)`;
}

export interface ReadStatement {
  text: string;
  values: unknown[];
}

export type CountMode = 'exact' | 'none';

/**
 * SELECT … FROM source WHERE … ORDER … LIMIT … wrapped so Postgres returns one row: the page as JSON text, its size,
 * and (when asked) the exact total over the same filters.
 */
export function readStatement(plan: ReadPlan, source: (b: Builder) => string, count: CountMode, limit: number, offset: number): ReadStatement {
  const b = new Builder();
  const alias = b.nextAlias();
  const from = source(b);
  const where = whereParts(b, alias, plan);
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const page = `SELECT ${selectListSql(b, alias, plan)} FROM ${from} AS ${quoteIdent(alias)}${whereSql}${orderSql(b, alias, plan.order)}${pageSql(b, limit, offset)}`;
  const total = count === 'exact' ? `(SELECT count(*) FROM ${from} AS ${quoteIdent(alias)}${whereSql})` : 'NULL::bigint';
  return {
    text: `WITH pgrst_source AS (${page}) SELECT ${total} AS total, count(*) AS page_total, coalesce(json_agg(_s), '[]')::text AS body FROM pgrst_source AS _s`,
    values: b.params.values,
  };
}

/** EXPLAIN of the filtered relation, for count=planned|estimated. */
export function plannedCountStatement(plan: ReadPlan, source: (b: Builder) => string): ReadStatement {
  const b = new Builder();
  const alias = b.nextAlias();
  const from = source(b);
  const where = whereParts(b, alias, plan);
  return { text: `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} AS ${quoteIdent(alias)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, values: b.params.values };
}

export const tableSource = (rel: Relation) => () => relationSql(rel);

/** `schema.fn(a := $1::type, …)`; argument types come from the catalog. */
export function functionCallSql(b: Builder, fn: DbFunction, args: Map<string, unknown>, wholeBody: unknown): string {
  const name = qualified(fn.schema, fn.name);
  if (wholeBody !== undefined) return `${name}(${b.params.add(JSON.stringify(wholeBody))}::${fn.args[0].type})`;
  const parts: string[] = [];
  for (const arg of fn.args) {
    if (!args.has(arg.name)) continue;
    parts.push(`${arg.variadic ? 'VARIADIC ' : ''}${quoteIdent(arg.name)} := ${b.params.add(args.get(arg.name))}::${arg.type}`);
  }
  return `${name}(${parts.join(', ')})`;
}

/** The rpc source in FROM; a function returning scalars becomes one column named like the function. */
export function functionSource(fn: DbFunction, call: (b: Builder) => string) {
  return (b: Builder) => (fn.returnKind === 'scalar' ? `(SELECT _f AS ${quoteIdent(fn.name)} FROM ${call(b)} AS _f)` : call(b));
}

export interface MutationSql {
  /** INSERT/UPDATE/DELETE … RETURNING (or not), placed in the pgrst_source CTE. */
  mutation: string;
  returning: boolean;
}

/** WITH pgrst_source AS (<mutation>) → page JSON over the returned rows, shaped by the select list. */
export function mutationStatement(b: Builder, plan: ReadPlan, m: MutationSql): ReadStatement {
  if (!m.returning) {
    return { text: `WITH pgrst_source AS (${m.mutation}) SELECT NULL::bigint AS total, count(*) AS page_total, NULL::text AS body FROM pgrst_source`, values: b.params.values };
  }
  const alias = b.nextAlias();
  const page = `SELECT ${selectListSql(b, alias, plan)} FROM pgrst_source AS ${quoteIdent(alias)}`;
  return {
    text: `WITH pgrst_source AS (${m.mutation}), pgrst_page AS (${page}) SELECT NULL::bigint AS total, count(*) AS page_total, coalesce(json_agg(_s), '[]')::text AS body FROM pgrst_page AS _s`,
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
  if (opts.resolution) {
    const keys = (opts.onConflict ?? rel.primaryKey).map(quoteIdent).join(', ');
    const updates = columns.filter((c) => !(opts.onConflict ?? rel.primaryKey).includes(c)).map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
    conflict = opts.resolution === 'ignore-duplicates' || updates.length === 0
      ? ` ON CONFLICT (${keys}) DO NOTHING`
      : ` ON CONFLICT (${keys}) DO UPDATE SET ${updates.join(', ')}`;
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
    mutation: `UPDATE ${target} AS ${quoteIdent(alias)} SET ${sets} FROM ${body} WHERE ${where.join(' AND ')} RETURNING ${returning ? `${quoteIdent(alias)}.*` : '1'}`,
    returning,
  };
}

export function deleteSql(b: Builder, plan: ReadPlan, returning: boolean): MutationSql {
  const alias = b.nextAlias();
  const where = whereParts(b, alias, plan);
  return {
    mutation: `DELETE FROM ${relationSql(plan.rel)} AS ${quoteIdent(alias)} WHERE ${where.join(' AND ')} RETURNING ${returning ? `${quoteIdent(alias)}.*` : '1'}`,
    returning,
  };
}
