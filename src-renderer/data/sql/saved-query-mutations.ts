import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { sqlKeys } from './keys';
import type { SavedQuery } from './types';

type Saved = SavedQuery | { query: SavedQuery } | { saved_query: SavedQuery };
const unwrap = (r: Saved): SavedQuery => ('query' in r ? r.query : 'saved_query' in r ? r.saved_query : r);

export function useSavedQueryCreateMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (q: { name: string; sql: string; tags: string[] }) => unwrap(await api<Saved>('/api/sql/saved-queries', { method: 'POST', body: q })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...sqlKeys.all, 'saved-queries'] }),
  });
}

export function useSavedQueryUpdateMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...patch }: { id: string; name?: string; sql?: string; tags?: string[] }) =>
      unwrap(await api<Saved>(`/api/sql/saved-queries/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch })),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...sqlKeys.all, 'saved-queries'] }),
  });
}

export function useSavedQueryDeleteMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/api/sql/saved-queries/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...sqlKeys.all, 'saved-queries'] }),
  });
}
