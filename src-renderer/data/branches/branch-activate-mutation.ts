import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Branch } from './types';

/** Activates a branch, or `main` to switch back. Every query then reads another database: refresh them all. */
export function useBranchActivateMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ active_database: string; branch: Branch | null }>(`/api/branches/${encodeURIComponent(id)}/activate`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries(),
  });
}
