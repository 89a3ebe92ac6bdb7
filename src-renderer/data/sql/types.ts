// Shapes of the /api/sql/* endpoints the SQL console uses (src-server/studio/*).
export interface SqlColumn {
  name: string;
  dataTypeID?: number;
  typeName?: string;
}

export interface ConsoleResult {
  statement_index: number;
  statement: string;
  command: string;
  columns: SqlColumn[];
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
  duration_ms: number;
}

export interface ConsoleRun {
  query_id: string;
  results: ConsoleResult[];
  duration_ms: number;
}

export interface SqlErrorDetail {
  statement_index?: number;
  position?: number | null;
  line?: number | null;
  column?: number | null;
  postgres_detail?: string | null;
}

export interface DestructiveStatement {
  statement: string;
  index: number;
  reason: string;
}

export interface PlanNode {
  id: number;
  parent_id: number | null;
  depth: number;
  node_type: string;
  relation: string | null;
  index: string | null;
  total_cost: number;
  exclusive_cost: number;
  plan_rows: number;
  actual_rows: number | null;
  loops: number | null;
  actual_total_ms: number | null;
  exclusive_ms: number | null;
  share: number;
}

export interface ExplainResult {
  analyze: boolean;
  plan: Record<string, unknown>;
  nodes: PlanNode[];
  costliest: number[];
  planning_ms: number | null;
  execution_ms: number | null;
  total_cost: number;
}

export interface HistoryEntry {
  id: string;
  query_id: string;
  sql: string;
  status: 'success' | 'error' | 'cancelled';
  duration_ms: number;
  row_count: number;
  result_count: number;
  error: string | null;
  error_code: string | null;
  created_at: string;
}

export interface SavedQuery {
  id: string;
  name: string;
  sql: string;
  tags: string[];
  created_at: string;
  updated_at: string;
}

export interface TableSummary {
  schema: string;
  name: string;
  kind: string;
  rows: number | null;
  rows_exact: boolean;
  size_bytes: number;
  rls_enabled: boolean;
  exposed: boolean;
  rls_warning: string | null;
  comment: string | null;
}

export interface TableList {
  schemas: Array<{ name: string; exposed: boolean }>;
  tables: TableSummary[];
  functions?: Array<{ schema: string; name: string; args?: string; result?: string }>;
}

/** A type a column can have (GET /api/sql/types); arrays are any of these with []. */
export interface ColumnType {
  schema: string;
  name: string;
  sql_name: string;
  kind: 'base' | 'enum' | 'domain' | 'composite' | 'range';
  category: string;
}

/** GET /api/sql/erd: tables with their columns and the foreign keys between them. */
export interface ErdTable {
  schema: string;
  name: string;
  kind: string;
  columns: Array<{ name: string; type: string; nullable: boolean; is_pk: boolean }>;
}

export interface ErdEdge {
  name: string;
  from: { schema: string; table: string; columns: string[] };
  to: { schema: string; table: string; columns: string[] };
}

export interface Erd {
  tables: ErdTable[];
  edges: ErdEdge[];
}
