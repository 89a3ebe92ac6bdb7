import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from './keys';
import type { HistoryEntry } from './types';

export function useSqlHistoryQuery(search: string) {
  return useQuery({
    queryKey: sqlKeys.history(search),
    queryFn: () => api<{ entries: HistoryEntry[]; total: number }>(`/api/sql/history?limit=100${search ? `&search=${encodeURIComponent(search)}` : ''}`),
  });
}
