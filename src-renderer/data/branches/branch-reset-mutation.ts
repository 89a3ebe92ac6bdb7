import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { BranchCreated } from './types';

export function useBranchResetMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, terminateConnections }: { id: string; terminateConnections?: boolean }) =>
      api<BranchCreated>(`/api/branches/${encodeURIComponent(id)}/reset`, { method: 'POST', body: terminateConnections ? { terminateConnections } : {} }),
    // A reset replaces the branch's data: anything read from it is stale.
    onSettled: () => qc.invalidateQueries(),
  });
}
