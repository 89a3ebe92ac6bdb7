// Shapes of a described table (catalog/introspect.ts), shared with the renderer (type-only: no imports).

export type RelationKind = 'table' | 'partitioned_table' | 'view' | 'materialized_view' | 'foreign_table';

export interface ColumnInfo {
  name: string;
  position: number;
  data_type: string;
  udt_name: string;
  nullable: boolean;
  default: string | null;
  is_identity: boolean;
  identity_generation: 'ALWAYS' | 'BY DEFAULT' | null;
  is_generated: boolean;
  generation_expression: string | null;
  is_primary_key: boolean;
  comment: string | null;
}

export interface ForeignKeyInfo {
  name: string;
  columns: string[];
  referenced_schema: string;
  referenced_table: string;
  referenced_columns: string[];
  on_update: string;
  on_delete: string;
  definition: string;
}

export interface ConstraintInfo {
  name: string;
  columns: string[];
  definition: string;
}

export interface IndexInfo {
  name: string;
  columns: string[];
  is_unique: boolean;
  is_primary: boolean;
  method: string;
  predicate: string | null;
  size_bytes: number;
  definition: string;
}

export interface TriggerInfo {
  name: string;
  timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  events: string[];
  level: 'ROW' | 'STATEMENT';
  function: string;
  enabled: boolean;
  definition: string;
}

export interface PolicyInfo {
  name: string;
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  permissive: boolean;
  roles: string[];
  using: string | null;
  with_check: string | null;
}

export interface TableInfo {
  schema: string;
  name: string;
  kind: RelationKind;
  comment: string | null;
  row_estimate: number | null;
  size_bytes: number | null;
  rls: { enabled: boolean; forced: boolean };
  columns: ColumnInfo[];
  primary_key: string[];
  foreign_keys: ForeignKeyInfo[];
  unique_constraints: ConstraintInfo[];
  check_constraints: ConstraintInfo[];
  indexes: IndexInfo[];
  triggers: TriggerInfo[];
  policies: PolicyInfo[];
}
