// Shapes of the table definition panel's schema changes (studio/ddl-objects.ts), shared with the renderer
// (type-only: no imports, nothing that runs).

export type FkAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';
export type IndexMethod = 'btree' | 'hash' | 'gin' | 'gist' | 'brin';
export type PolicyCommand = 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

export interface ConstraintSpec {
  kind: 'primary_key' | 'unique' | 'check' | 'foreign_key';
  name?: string;
  columns?: string[];
  expression?: string;
  references?: { schema?: string; table: string; columns: string[] };
  on_delete?: FkAction;
  on_update?: FkAction;
}

export interface IndexSpec {
  name?: string;
  columns: string[];
  method?: IndexMethod;
  unique?: boolean;
  /** A partial index's predicate. */
  where?: string;
}

export interface PolicySpec {
  name: string;
  command: PolicyCommand;
  roles: string[];
  permissive?: boolean;
  using?: string | null;
  with_check?: string | null;
}

interface Target { schema: string; table: string }

export type ObjectOperation =
  | (Target & { op: 'add_constraint'; constraint: ConstraintSpec })
  | (Target & { op: 'drop_constraint'; name: string; cascade?: boolean })
  | (Target & { op: 'create_index'; index: IndexSpec })
  | (Target & { op: 'drop_index'; name: string })
  | (Target & { op: 'set_trigger_enabled'; name: string; enabled: boolean })
  | (Target & { op: 'create_policy'; policy: PolicySpec })
  | (Target & { op: 'replace_policy'; name: string; policy: PolicySpec })
  | (Target & { op: 'drop_policy'; name: string })
  | (Target & { op: 'set_security_invoker'; enabled: boolean });
