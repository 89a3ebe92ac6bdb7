// The table editor's grid read: keyset paging on (sort columns + primary key, or ctid), so the first, next,
// previous and last pages all cost one index range scan; large cells come back truncated with a marker.
import type pg from 'pg';
import type { Database } from '../db/database.js';
import { isDatabaseError } from '../db/pg-errors.js';
import { qualified, quoteIdent } from '../db/quote.js';
import { ApiError, badRequest } from '../errors.js';
import { jsonValue } from './json-values.js';
import { parseCursor, parseFilter, parseOrder, type OrderTerm } from './grid-params.js';
import { columnOf, isLargeType, loadTable, type TableMeta } from './table-meta.js';
import { readAs, type ViewAs } from './view-as.js';
import { Params, whereConditions, type WhereInput } from './where.js';

export interface BrowseRequest {
  schema: string;
  table: string;
  limit?: number;
  offset?: number;
  order?: string;
  order_by?: string;
  order_dir?: 'asc' | 'desc';
  filter?: string[];
  search?: string;
  search_column?: string;
  after?: string;
  before?: string;
  last?: boolean;
  count?: 'estimated' | 'exact' | 'none';
  truncate?: number;
  viewAs?: ViewAs;
}

interface SortKey {
  name: string;
  expr: string;
  type: string;
  nullable: boolean;
  direction: 'asc' | 'desc';
}

/** Below this many rows the "estimated" count is simply exact. */
const EXACT_COUNT_UP_TO = 10_000;
const KEY_ALIAS = '__trestle_key';
const CTID_ALIAS = '__trestle_ctid';

function sortKeys(meta: TableMeta, order: OrderTerm[]): { keys: SortKey[]; keyset: boolean } {
  const keys: SortKey[] = order.map((o) => {
    const col = columnOf(meta, o.column, 'order');
    return { name: col.name, expr: quoteIdent(col.name), type: col.type, nullable: col.nullable, direction: o.direction };
  });
  const named = new Set(order.map((o) => o.column));
  // The tiebreaker follows the last sort direction: any direction is correct, and a uniform one lets the
  // cursor condition be a row comparison that a btree index can answer.
  const tiebreak = order.length ? order[order.length - 1].direction : 'asc';
  if (meta.primary_key.length > 0) {
    for (const name of meta.primary_key) {
      if (!named.has(name)) keys.push({ name, expr: quoteIdent(name), type: columnOf(meta, name).type, nullable: false, direction: tiebreak });
    }
    return { keys, keyset: true };
  }
  if (meta.kind === 'table' || meta.kind === 'materialized_view') {
    keys.push({ name: 'ctid', expr: 'ctid', type: 'tid', nullable: false, direction: tiebreak });
    return { keys, keyset: true };
  }
  return { keys, keyset: false };
}

const flip = (d: 'asc' | 'desc') => (d === 'asc' ? 'desc' : 'asc');

/**
 * Rows strictly after the cursor in the given order. Postgres sorts NULLs last ascending and first descending,
 * so "after" a NULL ascending means only rows with NULL and a later tiebreaker.
 */
function keysetCondition(keys: SortKey[], cursor: Array<string | null>, params: Params): string {
  const allSame = keys.every((k) => k.direction === keys[0].direction);
  if (allSame && keys.every((k, i) => !k.nullable && cursor[i] !== null)) {
    const op = keys[0].direction === 'asc' ? '>' : '<';
    const right = keys.map((k, i) => `${params.add(cursor[i])}::${k.type}`);
    return `(${keys.map((k) => k.expr).join(', ')}) ${op} (${right.join(', ')})`;
  }
  const greater: string[] = [];
  const equal: string[] = [];
  keys.forEach((k, i) => {
    const v = cursor[i];
    let gt: string;
    let eq: string;
    if (v === null) {
      gt = k.direction === 'asc' ? 'FALSE' : `${k.expr} IS NOT NULL`;
      eq = `${k.expr} IS NULL`;
    } else {
      const p = `${params.add(v)}::${k.type}`;
      gt = k.direction === 'asc' ? `(${k.expr} > ${p}${k.nullable ? ` OR ${k.expr} IS NULL` : ''})` : `${k.expr} < ${p}`;
      eq = `${k.expr} = ${p}`;
    }
    greater.push([...equal, gt].join(' AND '));
    equal.push(eq);
  });
  return '(' + greater.map((g) => `(${g})`).join(' OR ') + ')';
}

function orderOf(req: BrowseRequest): OrderTerm[] {
  if (req.order) return parseOrder(req.order);
  if (req.order_by) return [{ column: req.order_by, direction: req.order_dir ?? 'asc' }];
  return [];
}

async function countRows(client: pg.ClientBase, from: string, where: string, params: unknown[], mode: 'estimated' | 'exact') {
  if (mode === 'exact') {
    const { rows } = await client.query(`SELECT count(*)::float8 AS n FROM ${from}${where}`, params);
    return { count: rows[0].n as number, exact: true };
  }
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from}${where} LIMIT ${EXACT_COUNT_UP_TO + 1}) s`, params);
  if (rows[0].n <= EXACT_COUNT_UP_TO) return { count: rows[0].n as number, exact: true };
  const { rows: plan } = await client.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from}${where}`, params);
  return { count: Math.round(plan[0]['QUERY PLAN'][0].Plan['Plan Rows'] as number), exact: false };
}

function parseJsonCell(text: string | null, udt: string): unknown {
  if (text === null || (udt !== 'json' && udt !== 'jsonb')) return text;
  return JSON.parse(text);
}

export async function browseTable(db: Database, req: BrowseRequest) {
  const limit = req.limit ?? 100;
  const truncateAt = req.truncate ?? 2048;
  if ([req.after, req.before, req.last].filter((v) => v !== undefined && v !== false).length > 1) {
    throw badRequest('INVALID_CURSOR', 'Use only one of after, before and last');
  }
  const paging = req.after !== undefined ? 'after' : req.before !== undefined ? 'before' : req.last ? 'last' : 'first';
  if (paging !== 'first' && req.offset) throw badRequest('INVALID_CURSOR', 'offset cannot be combined with after, before or last');

  return readAs(db, req.viewAs, async (client) => {
    const meta = await loadTable(client, req.schema, req.table);
    const order = orderOf(req);
    const { keys, keyset } = sortKeys(meta, order);
    if (!keyset && paging !== 'first') {
      throw badRequest('KEYSET_UNAVAILABLE', `${req.schema}.${req.table} has no primary key, so only offset paging is possible`);
    }
    const filterParams = new Params();
    const input: WhereInput = { filters: (req.filter ?? []).map(parseFilter), search: req.search, searchColumn: req.search_column };
    const conditions = whereConditions(meta, input, filterParams);
    const from = qualified(meta.schema, meta.name);
    const baseWhere = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';

    const params = new Params();
    params.values.push(...filterParams.values);
    const reversed = paging === 'before' || paging === 'last';
    const effective = keys.map((k) => ({ ...k, direction: reversed ? flip(k.direction) : k.direction }));
    const cursorRaw = paging === 'after' ? req.after : paging === 'before' ? req.before : undefined;
    const pageConditions = [...conditions];
    if (cursorRaw !== undefined) pageConditions.push(keysetCondition(effective, parseCursor(cursorRaw, keys.length), params));

    const truncateParam = meta.columns.some(isLargeType) ? `${params.add(truncateAt)}::int` : '';
    // The page is chosen on whole rows (inner query), and only its rows are projected (truncation, key text):
    // with a sort that has no index, Postgres then computes left()/length() for `limit` rows, not for every row.
    const ctidKey = keys.some((k) => k.expr === 'ctid');
    const outerExpr = (k: SortKey) => (k.expr === 'ctid' ? quoteIdent(CTID_ALIAS) : k.expr);
    const select = meta.columns.map((c) => {
      const ident = quoteIdent(c.name);
      return isLargeType(c) ? `left(${ident}::text, ${truncateParam}) AS ${ident}, length(${ident}::text) AS ${quoteIdent('__len_' + c.position)}` : ident;
    });
    if (keyset) select.push(`ARRAY[${keys.map((k) => `${outerExpr(k)}::text`).join(', ')}] AS ${quoteIdent(KEY_ALIAS)}`);
    const orderBy = (expr: (k: SortKey) => string) =>
      effective.length ? ` ORDER BY ${effective.map((k) => `${expr(k)} ${k.direction.toUpperCase()}`).join(', ')}` : '';
    const limitParam = params.add(limit + 1);
    const offsetSql = req.offset ? ` OFFSET ${params.add(req.offset)}` : '';
    const inner = `SELECT *${ctidKey ? `, ctid AS ${quoteIdent(CTID_ALIAS)}` : ''} FROM ${from}`
      + `${pageConditions.length ? ` WHERE ${pageConditions.join(' AND ')}` : ''}${orderBy((k) => k.expr)} LIMIT ${limitParam}${offsetSql}`;
    const sql = `SELECT ${select.join(', ')} FROM (${inner}) page${orderBy(outerExpr)}`;

    let raw: pg.QueryResult;
    try {
      raw = await client.query(sql, params.values);
    } catch (err) {
      if (isDatabaseError(err) && err.code === '42883') {
        throw new ApiError(400, '42883', err.message, { hint: 'This column type cannot be sorted or compared with that operator' });
      }
      throw err;
    }
    const more = raw.rows.length > limit;
    const page = raw.rows.slice(0, limit);
    if (reversed) page.reverse();

    const truncated: Array<{ row: number; column: string; length: number }> = [];
    const keyValues: Array<Array<string | null>> = [];
    const rows = page.map((r, index) => {
      const out: Record<string, unknown> = {};
      for (const c of meta.columns) {
        if (!isLargeType(c)) {
          out[c.name] = jsonValue(r[c.name]);
          continue;
        }
        const length = r['__len_' + c.position] as number | null;
        if (length !== null && length > truncateAt) {
          truncated.push({ row: index, column: c.name, length });
          out[c.name] = r[c.name];
        } else {
          out[c.name] = parseJsonCell(r[c.name], c.udt);
        }
      }
      if (keyset) keyValues.push(r[KEY_ALIAS]);
      return out;
    });

    const count = req.count === 'none' ? null : await countRows(client, from, baseWhere, filterParams.values, req.count ?? 'estimated');
    const hasPrevious = paging === 'first' ? Boolean(req.offset) : paging === 'after' ? true : more;
    const hasNext = paging === 'first' || paging === 'after' ? more : paging === 'before';
    return {
      schema: meta.schema, table: meta.name,
      columns: meta.columns.map((c) => ({ name: c.name, type: c.type, udt: c.udt, nullable: c.nullable, is_pk: c.is_pk })),
      rows, truncated,
      order: keys.map((k) => ({ column: k.name, direction: k.direction })),
      keyset,
      cursor: {
        first: keyValues.length ? JSON.stringify(keyValues[0]) : null,
        last: keyValues.length ? JSON.stringify(keyValues[keyValues.length - 1]) : null,
      },
      has_previous: hasPrevious, has_next: hasNext,
      count: count?.count ?? null, count_exact: count?.exact ?? false,
      limit, offset: req.offset ?? 0,
    };
  });
}

/** The whole filtered, sorted view of a table (no paging): what "export current view" exports. */
export function viewSelect(meta: TableMeta, req: Pick<BrowseRequest, 'order' | 'order_by' | 'order_dir' | 'filter' | 'search' | 'search_column'>) {
  const { keys } = sortKeys(meta, orderOf(req as BrowseRequest));
  const params = new Params();
  const conditions = whereConditions(meta, { filters: (req.filter ?? []).map(parseFilter), search: req.search, searchColumn: req.search_column }, params);
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const orderBy = keys.length ? ` ORDER BY ${keys.map((k) => `${k.expr} ${k.direction.toUpperCase()}`).join(', ')}` : '';
  return { sql: `SELECT * FROM ${qualified(meta.schema, meta.name)}${where}${orderBy}`, params: params.values };
}
