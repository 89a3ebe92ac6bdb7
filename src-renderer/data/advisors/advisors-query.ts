import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { advisorKeys } from './keys';
import type { AdvisorKind, Lint } from './types';

export function useAdvisorsQuery(kind: AdvisorKind) {
  return useQuery({ queryKey: advisorKeys.list(kind), queryFn: () => api<{ lints: Lint[]; database: string }>(`/api/advisors?type=${kind}`) });
}
