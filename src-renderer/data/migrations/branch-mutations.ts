import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { migrationKeys } from './keys';
import type { PromoteResult, SeedResult } from './types';

export interface PromoteInput {
  branchId: string;
  name: string;
  checksum: string;
  confirmDestructive: boolean;
}

/** Applies the reviewed diff (identified by its checksum) to main as a recorded migration. */
export function useBranchPromoteMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ branchId, name, checksum, confirmDestructive }: PromoteInput) => api<PromoteResult>(`/api/branches/${encodeURIComponent(branchId)}/promote`,
      { method: 'POST', body: { name, checksum, confirm_destructive: confirmDestructive } }),
    // Main's schema changed: anything read from it is stale.
    onSettled: () => qc.invalidateQueries(),
  });
}

/** Runs the seed file on a branch. */
export function useBranchSeedMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (branchId: string) => api<SeedResult>(`/api/branches/${encodeURIComponent(branchId)}/seed`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: migrationKeys.all }),
  });
}
