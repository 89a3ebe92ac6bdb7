import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { branchKeys } from './keys';
import type { BranchList } from './types';

/** The branches, main and which database is active. Polls slowly so activations made elsewhere show up. */
export function useBranchesQuery(opts: { refetchInterval?: number; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: branchKeys.list(),
    queryFn: () => api<BranchList>('/api/branches'),
    refetchInterval: opts.refetchInterval ?? 15_000,
    enabled: opts.enabled ?? true,
  });
}
