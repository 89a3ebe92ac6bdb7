// Builds the WHERE clause of grid reads from validated filter and search terms: names come from the catalog,
// operators from a fixed table, every value is a bind parameter cast to the column's catalog type.
import { quoteIdent } from '../db/quote.js';
import { containsPattern, likePattern, type FilterTerm } from './grid-params.js';
import { columnOf, isTextType, type TableMeta } from './table-meta.js';

const COMPARE: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const IS_SQL: Record<string, string> = { null: 'IS NULL', not_null: 'IS NOT NULL', true: 'IS TRUE', false: 'IS FALSE', unknown: 'IS UNKNOWN' };

/** Collects bind parameters and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function filterSql(meta: TableMeta, term: FilterTerm, params: Params): string {
  const col = columnOf(meta, term.column, 'filter');
  const ident = quoteIdent(col.name);
  let sql: string;
  if (term.op in COMPARE) sql = `${ident} ${COMPARE[term.op]} ${params.add(term.value)}::${col.type}`;
  else if (term.op === 'like' || term.op === 'ilike') sql = `${ident}::text ${term.op === 'like' ? 'LIKE' : 'ILIKE'} ${params.add(likePattern(term.value as string))}`;
  else if (term.op === 'is') sql = `${ident} ${IS_SQL[term.value as string]}`;
  else sql = `${ident} = ANY (${params.add(term.value)}::${col.type}[])`;
  return term.negate ? `NOT (${sql})` : sql;
}

export interface WhereInput {
  filters: FilterTerm[];
  search?: string;
  searchColumn?: string;
}

/** The conditions (joined with AND by the caller) for filters and quick search. */
export function whereConditions(meta: TableMeta, input: WhereInput, params: Params): string[] {
  const conditions = input.filters.map((f) => filterSql(meta, f, params));
  if (input.search !== undefined && input.search !== '') {
    const pattern = params.add(containsPattern(input.search));
    const cols = input.searchColumn !== undefined
      ? [columnOf(meta, input.searchColumn, 'search_column')]
      : meta.columns.filter(isTextType);
    const searched = cols.length > 0 ? cols : meta.columns;
    conditions.push('(' + searched.map((c) => `${quoteIdent(c.name)}::text ILIKE ${pattern}`).join(' OR ') + ')');
  }
  return conditions;
}
