import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from './keys';
import type { ColumnType } from './types';

/** Every type a column can have in the active database (base types, enums, domains, composites, ranges). */
export function useSqlTypesQuery() {
  return useQuery({ queryKey: sqlKeys.types(), queryFn: () => api<{ types: ColumnType[] }>('/api/sql/types'), staleTime: 60_000 });
}
