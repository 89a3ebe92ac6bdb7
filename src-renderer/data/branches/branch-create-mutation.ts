import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { auditKeys } from '../audit/keys';
import { branchKeys } from './keys';
import type { BranchCreated } from './types';

export interface CreateBranchInput {
  label?: string;
  ttlHours?: number;
  parent?: string;
  terminateConnections?: boolean;
}

export function useBranchCreateMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateBranchInput) => api<BranchCreated>('/api/branches', { method: 'POST', body: input }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: branchKeys.all }), qc.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
