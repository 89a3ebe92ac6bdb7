import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { advisorKeys } from './keys';
import type { Lint } from './types';

/** Runs the fix the user was shown for one lint (the server looks the lint up again by its cache key). */
export function useAdvisorFixMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (cacheKey: string) => api<{ fixed: Lint; sql: string; lints: Lint[] }>('/api/advisors/fix', { method: 'POST', body: { cache_key: cacheKey } }),
    onSettled: () => qc.invalidateQueries({ queryKey: advisorKeys.all }),
  });
}
