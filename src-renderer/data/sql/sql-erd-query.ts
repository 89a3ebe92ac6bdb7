import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from './keys';
import type { Erd } from './types';

export function useSqlErdQuery(schema: string) {
  return useQuery({ queryKey: sqlKeys.erd(schema), queryFn: () => api<Erd>(`/api/sql/erd?schema=${encodeURIComponent(schema)}`) });
}
