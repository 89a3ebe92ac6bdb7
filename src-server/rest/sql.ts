// Builds ONE parameterized read statement from a plan: embeds as correlated sub-selects with json_agg/row_to_json,
// spread embeds as LEFT JOIN LATERAL, aggregates with GROUP BY over the other outputs; identifiers only through
// quoteIdent, every value a $n parameter.
import { qualified, quoteIdent } from '../db/quote.js';
import { ApiError } from '../errors.js';
import type { Condition, Field } from './ast.js';
import { notImplemented } from './errors.js';
import { hasAggregate, type Join, type PlannedEmbed, type PlannedFilter, type PlannedOrder, type ReadPlan } from './plan.js';
import type { Column, Relation } from './schema-cache.js';

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
  cs: '@>', cd: '<@', ov: '&&', sl: '<<', sr: '>>', nxr: '&<', nxl: '&>', adj: '-|-', isdistinct: 'IS DISTINCT FROM',
};
const TSQUERY: Record<string, string> = { fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery' };
const IS: Record<string, string> = { null: 'IS NULL', not_null: 'IS NOT NULL', true: 'IS TRUE', false: 'IS FALSE', unknown: 'IS UNKNOWN' };
const NO_CAST_OPS = new Set(['like', 'ilike', 'match', 'imatch']);

/** A column (or a computed field: the function called with the whole row) with its JSON path. */
export function fieldSql(b: Builder, alias: string, field: Field, column?: Column): string {
  const fn = column?.computed;
  let sql = fn ? `${qualified(fn.schema, fn.name)}(${quoteIdent(alias)}::${fn.args[0].type})` : `${quoteIdent(alias)}.${quoteIdent(field.name)}`;
  if (fn && field.path.length) sql = `(${sql})`;
  for (const step of field.path) {
    sql += step.arrow + (step.index !== undefined ? `${b.params.add(step.index)}::int` : `${b.params.add(step.key)}::text`);
  }
  return sql;
}

function conditionSql(b: Builder, alias: string, cond: Condition, column: Column): string {
  const lhs = fieldSql(b, alias, cond.field, column);
  // Values are typed like the column they are compared with (a type name read from the catalog).
  const typed = cond.field.path.length === 0 && column.type !== '' && !NO_CAST_OPS.has(cond.op);
  const cast = (p: string, array = false) => (typed ? `${p}::${column.type}${array ? '[]' : ''}` : p);
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
  if (f.kind === 'cond') return conditionSql(b, alias, f.cond, f.column);
  if (f.kind === 'embed-null') return `${f.isNull ? 'NOT ' : ''}EXISTS (${existsSql(b, alias, f.embed)})`;
  const parts = f.children.map((c) => filterSql(b, alias, c));
  const sql = `(${parts.join(f.op === 'and' ? ' AND ' : ' OR ')})`;
  return f.negate ? `NOT ${sql}` : sql;
}

function columnsEqual(l: string, lc: string[], r: string, rc: string[]): string {
  return lc.map((c, i) => `${quoteIdent(l)}.${quoteIdent(c)} = ${quoteIdent(r)}.${quoteIdent(rc[i])}`).join(' AND ');
}

/** The join condition between a parent row and an embed's rows (none for a computed relationship). */
function joinSql(parent: string, child: string, join: Join, b: Builder): string | undefined {
  if (join.kind === 'computed') return undefined;
  if (join.kind === 'fk') {
    return join.forward ? columnsEqual(child, join.fk.refColumns, parent, join.fk.columns) : columnsEqual(child, join.fk.columns, parent, join.fk.refColumns);
  }
  const j = b.nextAlias();
  return `EXISTS (SELECT 1 FROM ${relationSql(join.junction)} AS ${quoteIdent(j)} WHERE `
    + `${columnsEqual(j, join.target.columns, child, join.target.refColumns)} AND ${columnsEqual(j, join.source.columns, parent, join.source.refColumns)})`;
}

const relationSql = (rel: Relation) => qualified(rel.schema, rel.name);

/** FROM of an embed: its relation, or the computed relationship's function called with the parent row. */
function embedFrom(embed: PlannedEmbed, parent: string, child: string): string {
  if (embed.join.kind === 'computed') {
    const fn = embed.join.fn;
    return `${qualified(fn.schema, fn.name)}(${quoteIdent(parent)}::${fn.args[0].type}) AS ${quoteIdent(child)}`;
  }
  return `${relationSql(embed.plan.rel)} AS ${quoteIdent(child)}`;
}

/** The rows of an embed that belong to the parent row, with the embed's own filters (and its !inner embeds). */
function embedWhere(b: Builder, parent: string, child: string, embed: PlannedEmbed): string[] {
  const join = joinSql(parent, child, embed.join, b);
  return [...(join ? [join] : []), ...whereParts(b, child, embed.plan)];
}

const whereSql = (parts: string[]) => (parts.length ? ` WHERE ${parts.join(' AND ')}` : '');

function existsSql(b: Builder, parent: string, embed: PlannedEmbed): string {
  const child = b.nextAlias();
  return `SELECT 1 FROM ${embedFrom(embed, parent, child)}${whereSql(embedWhere(b, parent, child, embed))}`;
}

export function whereParts(b: Builder, alias: string, plan: ReadPlan): string[] {
  const parts = plan.filters.map((f) => filterSql(b, alias, f));
  for (const item of plan.select) {
    if (item.kind === 'embed' && item.inner) parts.push(`EXISTS (${existsSql(b, alias, item)})`);
  }
  return parts;
}

/** An order key: a column of the level, or (related order) of its to-one embed's row. */
function orderKey(b: Builder, alias: string, { term, column, embed }: PlannedOrder): string {
  if (!embed) return fieldSql(b, alias, term.field, column);
  const child = b.nextAlias();
  return `(SELECT ${fieldSql(b, child, term.field, column)} FROM ${embedFrom(embed, alias, child)}${whereSql(embedWhere(b, alias, child, embed))} LIMIT 1)`;
}

export function orderSql(b: Builder, alias: string, order: PlannedOrder[]): string {
  if (order.length === 0) return '';
  return ' ORDER BY ' + order.map((o) => orderKey(b, alias, o)
    + (o.term.direction ? ` ${o.term.direction.toUpperCase()}` : '') + (o.term.nulls ? ` NULLS ${o.term.nulls.toUpperCase()}` : '')).join(', ');
}

function pageSql(b: Builder, limit: number | undefined, offset: number | undefined): string {
  return (limit !== undefined ? ` LIMIT ${b.params.add(limit)}` : '') + (offset ? ` OFFSET ${b.params.add(offset)}` : '');
}

/** One output of a level: a value expression, or (`agg`) an aggregate over `value` applied at the level it ends up in. */
interface Output {
  /** undefined: `alias.*`. */
  name?: string;
  value: string;
  /** `value` is the column `name` itself (no `AS` needed). */
  plain?: boolean;
  agg?: { fn: string; cast?: string };
}

const aggregateSql = (o: Output) => {
  const sql = `${o.agg!.fn}(${o.value})`;
  return o.agg!.cast ? `(${sql})::${o.agg!.cast}` : sql;
};

/** The outputs of a level and the LEFT JOIN LATERALs its spread embeds need. */
function outputs(b: Builder, alias: string, plan: ReadPlan, laterals: string[], expandStar: boolean): Output[] {
  const out: Output[] = [];
  for (const item of plan.select) {
    if (item.kind === 'star') {
      if (!expandStar) out.push({ value: `${quoteIdent(alias)}.*` });
      else for (const c of plan.rel.columnList) out.push({ name: c.name, value: `${quoteIdent(alias)}.${quoteIdent(c.name)}`, plain: true });
    } else if (item.kind === 'count') {
      out.push({ name: item.output, value: '*', agg: { fn: 'count', cast: item.cast } });
    } else if (item.kind === 'column') {
      const expr = fieldSql(b, alias, item.field, item.column);
      const value = item.cast ? `(${expr})::${item.cast}` : expr;
      out.push({ name: item.output, value, plain: item.plain, agg: item.aggregate ? { fn: item.aggregate, cast: item.aggregateCast } : undefined });
    } else if (item.spread) out.push(...spreadOutputs(b, alias, item, laterals));
    else if (!item.empty) out.push({ name: item.output, value: embedSql(b, alias, item) });
  }
  return out;
}

/** A spread embed: its outputs computed in a lateral sub-select and lifted into the parent level. */
function spreadOutputs(b: Builder, parent: string, embed: PlannedEmbed, laterals: string[]): Output[] {
  const child = b.nextAlias();
  const lateral = b.nextAlias();
  const innerLaterals: string[] = [];
  const inner = outputs(b, child, embed.plan, innerLaterals, true);
  const from = `${embedFrom(embed, parent, child)}${innerLaterals.join('')}`;
  const where = whereSql(embedWhere(b, parent, child, embed));
  const col = (i: number) => quoteIdent(`_c${i}`);
  const raw = inner.map((o, i) => `${o.agg?.fn === 'count' && o.value === '*' ? '1' : o.value} AS ${col(i)}`).join(', ');
  if (embed.toOne) {
    laterals.push(` LEFT JOIN LATERAL (SELECT ${raw} FROM ${from}${where} LIMIT 1) AS ${quoteIdent(lateral)} ON TRUE`);
    return inner.map((o, i) => ({ name: o.name, value: o.agg?.fn === 'count' && o.value === '*' ? '*' : `${quoteIdent(lateral)}.${col(i)}`, agg: o.agg }));
  }
  if (inner.some((o) => o.agg)) throw notImplemented('Aggregates inside a spread of a to-many relationship');
  const rows = b.nextAlias();
  const arrays = inner.map((_, i) => `json_agg(${quoteIdent(rows)}.${col(i)}) AS ${col(i)}`).join(', ');
  laterals.push(` LEFT JOIN LATERAL (SELECT ${arrays} FROM (SELECT ${raw} FROM ${from}${where}${orderSql(b, child, embed.plan.order)}`
    + `${pageSql(b, embed.plan.limit, embed.plan.offset)}) AS ${quoteIdent(rows)}) AS ${quoteIdent(lateral)} ON TRUE`);
  return inner.map((o, i) => ({ name: o.name, value: `coalesce(${quoteIdent(lateral)}.${col(i)}, '[]')` }));
}

export interface LevelSql {
  /** SELECT list (may be empty: a zero-column row). */
  list: string;
  /** LEFT JOIN LATERALs to append after the level's FROM item. */
  laterals: string;
  /** GROUP BY when the level aggregates. */
  groupBy: string;
}

/** The SELECT list, laterals and GROUP BY of one level. */
export function levelSql(b: Builder, alias: string, plan: ReadPlan): LevelSql {
  const laterals: string[] = [];
  const grouped = hasAggregate(plan);
  const outs = outputs(b, alias, plan, laterals, grouped);
  const list = outs.map((o) => {
    if (o.agg) return `${aggregateSql(o)} AS ${quoteIdent(o.name!)}`;
    return o.name === undefined || o.plain ? o.value : `${o.value} AS ${quoteIdent(o.name)}`;
  }).join(', ');
  const keys = outs.flatMap((o, i) => (o.agg ? [] : [String(i + 1)]));
  const groupBy = grouped && keys.length ? ` GROUP BY ${keys.join(', ')}` : '';
  return { list, laterals: laterals.join(''), groupBy };
}

function embedSql(b: Builder, parent: string, embed: PlannedEmbed): string {
  const child = b.nextAlias();
  const level = levelSql(b, child, embed.plan);
  const inner = `SELECT ${level.list} FROM ${embedFrom(embed, parent, child)}${level.laterals}`
    + `${whereSql(embedWhere(b, parent, child, embed))}${level.groupBy}`;
  if (embed.toOne) return `(SELECT row_to_json(_e) FROM (${inner} LIMIT 1) AS _e)`;
  return `(SELECT coalesce(json_agg(_e), '[]') FROM (${inner}${orderSql(b, child, embed.plan.order)}${pageSql(b, embed.plan.limit, embed.plan.offset)}) AS _e)`;
}

export interface ReadStatement {
  text: string;
  values: unknown[];
}

export type CountMode = 'exact' | 'none';

/** How the page's rows become the response body (text). */
export type BodyFormat = 'json' | 'json-stripped' | 'csv';

/** Aggregate over the `_s` rows of a page CTE that gives the response body. */
export function bodySql(format: BodyFormat, page: string): string {
  if (format === 'csv') {
    // Postgres' own text form of each row (arrays as {a,b}, json as text), PostgREST's CSV.
    const header = `(SELECT string_agg(k, ',') FROM json_object_keys((SELECT row_to_json(_h) FROM ${page} AS _h LIMIT 1)) AS k)`;
    return `coalesce(${header} || E'\\n' || string_agg(substring(_s::text, 2, length(_s::text) - 2), E'\\n'), '')`;
  }
  if (format === 'json-stripped') return `coalesce(json_strip_nulls(json_agg(_s)), '[]')::text`;
  return `coalesce(json_agg(_s), '[]')::text`;
}

/**
 * SELECT … FROM source WHERE … ORDER … LIMIT … wrapped so Postgres returns one row: the page as JSON (or CSV) text,
 * its size, and (when asked) the exact total over the same filters.
 */
export function readStatement(plan: ReadPlan, source: (b: Builder) => string, opts: {
  count: CountMode; limit?: number; offset: number; format: BodyFormat;
}): ReadStatement {
  const b = new Builder();
  const alias = b.nextAlias();
  const from = source(b);
  const level = levelSql(b, alias, plan);
  const where = whereSql(whereParts(b, alias, plan));
  const page = `SELECT ${level.list} FROM ${from} AS ${quoteIdent(alias)}${level.laterals}${where}${level.groupBy}`
    + `${orderSql(b, alias, plan.order)}${pageSql(b, opts.limit, opts.offset)}`;
  const total = opts.count === 'exact' ? `(SELECT count(*) FROM ${from} AS ${quoteIdent(alias)}${where})` : 'NULL::bigint';
  return {
    text: `WITH pgrst_source AS (${page}) SELECT ${total} AS total, count(*) AS page_total, ${bodySql(opts.format, 'pgrst_source')} AS body FROM pgrst_source AS _s`,
    values: b.params.values,
  };
}

/** EXPLAIN of the filtered relation, for count=planned|estimated. */
export function plannedCountStatement(plan: ReadPlan, source: (b: Builder) => string): ReadStatement {
  const b = new Builder();
  const alias = b.nextAlias();
  const from = source(b);
  return { text: `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} AS ${quoteIdent(alias)}${whereSql(whereParts(b, alias, plan))}`, values: b.params.values };
}

/** The exact number of rows over the filters (count=estimated below the row threshold). */
export function exactCountStatement(plan: ReadPlan, source: (b: Builder) => string): ReadStatement {
  const b = new Builder();
  const alias = b.nextAlias();
  const from = source(b);
  return { text: `SELECT count(*) FROM ${from} AS ${quoteIdent(alias)}${whereSql(whereParts(b, alias, plan))}`, values: b.params.values };
}

export const tableSource = (rel: Relation) => () => relationSql(rel);
