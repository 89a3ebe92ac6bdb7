import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from './keys';
import type { SavedQuery } from './types';

export function useSavedQueriesQuery(search: string) {
  return useQuery({
    queryKey: sqlKeys.saved(search),
    queryFn: async () => {
      const r = await api<{ queries?: SavedQuery[]; saved_queries?: SavedQuery[] } | SavedQuery[]>(
        `/api/sql/saved-queries${search ? `?search=${encodeURIComponent(search)}` : ''}`);
      return Array.isArray(r) ? r : r.queries ?? r.saved_queries ?? [];
    },
  });
}
