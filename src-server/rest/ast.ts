// The typed request tree the parser produces and the planner resolves against the schema cache.
export interface JsonStep {
  arrow: '->' | '->>';
  /** An object key, or an array index when `index` is set. */
  key: string;
  index?: number;
}

export interface Field {
  name: string;
  path: JsonStep[];
}

export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateName = (typeof AGGREGATES)[number];

export interface ColumnItem {
  kind: 'column';
  field: Field;
  alias?: string;
  /** Cast of the value (of the aggregate's input when `aggregate` is set). */
  cast?: string;
  aggregate?: AggregateName;
  /** Cast of the aggregate's result: `col.avg()::int`. */
  aggregateCast?: string;
}

/** `count()` without a column (and the legacy bare `count` inside an embed, resolved by the planner). */
export interface CountItem {
  kind: 'count';
  alias?: string;
  cast?: string;
}

export interface StarItem {
  kind: 'star';
}

export interface EmbedItem {
  kind: 'embed';
  /** Table name (or foreign-key column name) of the related resource. */
  name: string;
  alias?: string;
  /** Foreign key constraint name, column name or join table that disambiguates the relationship. */
  hint?: string;
  inner: boolean;
  /** `...rel(cols)`: the embed's columns are lifted into the parent object. */
  spread: boolean;
  /** `rel()`: used for filtering only, left out of the result. */
  empty: boolean;
  select: SelectItem[];
}

export type SelectItem = ColumnItem | StarItem | EmbedItem | CountItem;

export const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch', 'is', 'isdistinct', 'in',
  'cs', 'cd', 'ov', 'sl', 'sr', 'nxl', 'nxr', 'adj', 'fts', 'plfts', 'phfts', 'wfts'] as const;
export type Operator = (typeof OPERATORS)[number];
export const QUANTIFIABLE = new Set<Operator>(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch']);
export const FTS = new Set<Operator>(['fts', 'plfts', 'phfts', 'wfts']);

export interface Condition {
  kind: 'cond';
  field: Field;
  negate: boolean;
  op: Operator;
  quantifier?: 'any' | 'all';
  /** Text search configuration of fts operators. */
  language?: string;
  /** A list for `in`, else the raw value. */
  value: string | string[];
}

export interface Logic {
  kind: 'logic';
  op: 'and' | 'or';
  negate: boolean;
  children: Filter[];
}

export type Filter = Condition | Logic;

export interface OrderTerm {
  /** `rel(col)`: a column of a to-one embedded resource (PostgREST's related order). */
  relation?: string;
  field: Field;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

/** Filters, order and paging that apply at one level: the root ('') or an embedded resource ('rel', 'rel.sub'). */
export interface Level {
  filters: Filter[];
  order: OrderTerm[];
  limit?: number;
  offset?: number;
}

export interface QueryAst {
  select: SelectItem[];
  levels: Map<string, Level>;
  columns?: string[];
  onConflict?: string[];
  /** Function arguments taken from the query string (GET rpc). */
  args: Record<string, string>;
}

export interface Preferences {
  return?: 'representation' | 'minimal' | 'headers-only';
  count?: 'exact' | 'planned' | 'estimated';
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  missing?: 'default' | 'null';
  handling?: 'strict' | 'lenient';
  tx?: 'commit' | 'rollback';
  maxAffected?: number;
  timezone?: string;
  /** Preferences that were not understood (an error with handling=strict, ignored otherwise). */
  invalid: string[];
}

export type Representation = 'json' | 'object' | 'csv';

/** `Accept: application/vnd.pgrst.plan[+json|+text]; for="…"; options=analyze|verbose|settings|buffers|wal`. */
export interface PlanRequest {
  format: 'json' | 'text';
  options: Array<'analyze' | 'verbose' | 'settings' | 'buffers' | 'wal'>;
}

export interface HeadersAst {
  prefer: Preferences;
  /** The media type of the result (for a plan: the one the plan is for). */
  accept: Representation;
  /** `nulls=stripped`: keys whose value is null are left out of each object. */
  stripNulls: boolean;
  plan?: PlanRequest;
  /** Accept-Profile (reads) or Content-Profile (writes). */
  profile?: string;
  range?: { offset: number; limit?: number };
}
