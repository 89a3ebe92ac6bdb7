import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { ExplainResult } from './types';

export function useSqlExplainMutation() {
  return useMutation({
    mutationFn: (input: { sql: string; analyze: boolean; timeout?: number }) =>
      api<ExplainResult>('/api/sql/explain', { method: 'POST', body: input }),
  });
}
