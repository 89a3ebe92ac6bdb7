import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { refreshSchema } from '../events/use-dashboard-events';
import { sqlKeys } from './keys';
import type { ConsoleRun } from './types';

export interface RunInput {
  sql: string;
  row_limit: number;
  /** Statement timeout in ms. */
  timeout: number;
  query_id: string;
}

/** Runs a script; every statement's result comes back. History and the table list refresh afterwards. */
export function useSqlRunMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RunInput) => api<ConsoleRun>('/api/sql/query', { method: 'POST', body: input }),
    onSettled: () => {
      qc.invalidateQueries({ queryKey: [...sqlKeys.all, 'history'] });
      // Also pushed by /api/events when the database has Trestle's event trigger; this covers one without it.
      refreshSchema(qc);
    },
  });
}
