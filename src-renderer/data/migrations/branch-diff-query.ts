import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { migrationKeys } from './keys';
import type { BranchDiff } from './types';

/** The DDL that turns main's schema into the branch's. */
export function useBranchDiffQuery(branchId: string) {
  return useQuery({ queryKey: migrationKeys.diff(branchId), queryFn: () => api<BranchDiff>(`/api/branches/${encodeURIComponent(branchId)}/diff`), staleTime: 0 });
}
