import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from './keys';
import type { ColumnInfo, ConstraintInfo, ForeignKeyInfo, IndexInfo, PolicyInfo, TriggerInfo } from '../../../src-server/catalog/types';

/** A column as the table editor gets it: the shared description plus what the grid's editors need. */
export interface DetailColumn extends ColumnInfo {
  /** pg_type.typcategory: S string, N numeric, B boolean, D date/time, A array, U user (json…), E enum. */
  category: string | null;
  enum_values: string[] | null;
  array_element_type: string | null;
  array_element_enum_values: string[] | null;
}

export type ForeignKey = ForeignKeyInfo;

/** A foreign key of another table pointing at this one. */
export interface IncomingForeignKey extends ForeignKey {
  schema: string;
  table: string;
}

export type { ConstraintInfo as NamedConstraint, IndexInfo as IndexDetail, PolicyInfo as PolicyDetail, TriggerInfo as TriggerDetail } from '../../../src-server/catalog/types';

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
  unique_constraints: ConstraintInfo[];
  check_constraints: ConstraintInfo[];
  indexes: IndexInfo[];
  triggers: TriggerInfo[];
  policies: PolicyInfo[];
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
