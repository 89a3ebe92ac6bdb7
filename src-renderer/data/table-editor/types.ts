// Shapes of the table editor endpoints (/api/sql/table-browser, rows/apply, ddl/*, import, export, cell).
import type { FkAction, ObjectOperation } from '../../../src-server/studio/ddl-spec-types';

export type { ConstraintSpec, FkAction, IndexMethod, PolicyCommand, PolicySpec } from '../../../src-server/studio/ddl-spec-types';
export type ViewAsRole = 'service' | 'anon' | 'authenticated';
export type FilterOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'ilike' | 'is' | 'in';
export const FILTER_OPS: FilterOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'is', 'in'];

export interface Filter {
  column: string;
  op: FilterOp;
  negate: boolean;
  value: string;
}

export interface SortTerm {
  column: string;
  direction: 'asc' | 'desc';
}

export type Page = { kind: 'first' } | { kind: 'after'; cursor: string } | { kind: 'before'; cursor: string } | { kind: 'last' } | { kind: 'offset'; offset: number };

export interface BrowseParams {
  schema: string;
  table: string;
  limit: number;
  sort: SortTerm[];
  filters: Filter[];
  search: string;
  page: Page;
  count: 'estimated' | 'exact';
  viewAs: { role: ViewAsRole; sub?: string } | null;
}

export interface BrowseColumn {
  name: string;
  type: string;
  udt: string;
  nullable: boolean;
  is_pk: boolean;
}

export interface BrowseResult {
  schema: string;
  table: string;
  columns: BrowseColumn[];
  rows: Record<string, unknown>[];
  truncated: Array<{ row: number; column: string; length: number }>;
  order: SortTerm[];
  keyset: boolean;
  cursor: { first: string | null; last: string | null };
  has_previous: boolean;
  has_next: boolean;
  count: number | null;
  count_exact: boolean;
  limit: number;
  offset: number;
}

export type RowEdit =
  | { op: 'update'; pk: Record<string, unknown>; set: Record<string, unknown> }
  | { op: 'insert'; values: Record<string, unknown> }
  | { op: 'delete'; pk: Record<string, unknown> };

export interface EditErrorDetail {
  edit?: number;
  op?: string;
  column?: string | null;
  postgres_detail?: string | null;
  constraint?: string | null;
}

export type DefaultSpec = { literal: string | number | boolean } | { expression: string };

export interface ColumnSpec {
  name: string;
  type: string;
  nullable?: boolean;
  default?: DefaultSpec | null;
  primary_key?: boolean;
  unique?: boolean;
  identity?: 'always' | 'by_default';
  references?: { schema?: string; table: string; column: string; on_delete?: FkAction; on_update?: FkAction };
}

type Target = { schema: string; table: string };
export type DdlOperation =
  | (Target & { op: 'create_table'; columns: ColumnSpec[]; primary_key?: string[]; enable_rls?: boolean })
  | (Target & { op: 'add_column'; column: ColumnSpec })
  | (Target & { op: 'rename_column'; column: string; new_name: string })
  | (Target & { op: 'alter_column_type'; column: string; type: string })
  | (Target & { op: 'set_default'; column: string; default: DefaultSpec | null })
  | (Target & { op: 'set_nullable'; column: string; nullable: boolean })
  | (Target & { op: 'drop_column'; column: string; cascade?: boolean })
  | (Target & { op: 'set_rls'; enabled: boolean })
  | (Target & { op: 'drop_table'; cascade?: boolean })
  | (Target & { op: 'truncate_table'; cascade?: boolean; restart_identity?: boolean })
  | ObjectOperation;

export interface DdlResult {
  sql: string;
  statements: string[];
  applied: boolean;
}
