import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from './keys';
import type { TableList } from './types';

export const fetchTables = (search = '') =>
  api<TableList>(`/api/sql/tables${search ? `?search=${encodeURIComponent(search)}` : ''}`);

export function useSqlTablesQuery(search = '') {
  return useQuery({ queryKey: sqlKeys.tables(search), queryFn: () => fetchTables(search), staleTime: 30_000 });
}
