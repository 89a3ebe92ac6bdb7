import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { branchKeys } from './keys';
import type { Branch } from './types';

export function useBranchDeleteMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ branch: Branch }>(`/api/branches/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: branchKeys.all }),
  });
}
