import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from './keys';

export interface DetailColumn {
  name: string;
  position: number;
  data_type: string;
  udt_name: string;
  nullable: boolean;
  default: string | null;
  is_identity: boolean;
  identity_generation: 'ALWAYS' | 'BY DEFAULT' | null;
  is_generated: boolean;
  is_primary_key: boolean;
  comment: string | null;
  /** pg_type.typcategory: S string, N numeric, B boolean, D date/time, A array, U user (json…), E enum. */
  category: string | null;
  enum_values: string[] | null;
  array_element_type: string | null;
  array_element_enum_values: string[] | null;
}

export interface ForeignKey {
  name: string;
  columns: string[];
  referenced_schema: string;
  referenced_table: string;
  referenced_columns: string[];
  on_update: string;
  on_delete: string;
  definition: string;
}

/** A foreign key of another table pointing at this one. */
export interface IncomingForeignKey extends ForeignKey {
  schema: string;
  table: string;
}

export interface NamedConstraint {
  name: string;
  columns: string[];
  definition: string;
}

export interface IndexDetail {
  name: string;
  columns: string[];
  is_unique: boolean;
  is_primary: boolean;
  method: string;
  predicate: string | null;
  size_bytes: number;
  definition: string;
}

export interface TriggerDetail {
  name: string;
  timing: string;
  events: string[];
  level: string;
  function: string;
  enabled: boolean;
  definition: string;
}

export interface PolicyDetail {
  name: string;
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  permissive: boolean;
  roles: string[];
  using: string | null;
  with_check: string | null;
}

export interface TableDetails {
  schema: string;
  name: string;
  kind: string;
  comment: string | null;
  row_estimate: number | null;
  size_bytes: number | null;
  rls: { enabled: boolean; forced: boolean };
  columns: DetailColumn[];
  primary_key: string[];
  foreign_keys: ForeignKey[];
  unique_constraints: NamedConstraint[];
  check_constraints: NamedConstraint[];
  indexes: IndexDetail[];
  triggers: TriggerDetail[];
  policies: PolicyDetail[];
  referenced_by: IncomingForeignKey[];
  exposed: boolean;
  rls_warning: string | null;
  /** A plain view reading an RLS table that anon can select from (see security_invoker). */
  view_rls_warning: string | null;
}

export const tableDetailsPath = (schema: string, table: string) =>
  `/api/sql/table-details?schema=${encodeURIComponent(schema)}&table=${encodeURIComponent(table)}`;

export const fetchTableDetails = (schema: string, table: string) => api<TableDetails>(tableDetailsPath(schema, table));

export function useTableDetailsQuery(schema: string | null, table: string | null) {
  return useQuery({
    queryKey: sqlKeys.tableDetails(schema ?? '', table ?? ''),
    queryFn: () => fetchTableDetails(schema!, table!),
    enabled: Boolean(schema && table),
  });
}
