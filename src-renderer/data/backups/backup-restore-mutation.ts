import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { RestoreInput, RestoreResult } from './types';

/** Restores into a new branch or over main. Either changes databases other pages read: refresh everything. */
export function useBackupRestoreMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RestoreInput) => api<RestoreResult>(`/api/backups/${encodeURIComponent(id)}/restore`, { method: 'POST', body }),
    onSettled: () => qc.invalidateQueries(),
  });
}
