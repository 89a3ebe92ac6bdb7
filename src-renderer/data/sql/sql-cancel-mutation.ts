import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** Cancels a running console query by its query id (pg_cancel_backend on the server). */
export function useSqlCancelMutation() {
  return useMutation({
    mutationFn: (queryId: string) =>
      api<{ query_id: string; cancelled: boolean }>('/api/sql/query/cancel', { method: 'POST', body: { query_id: queryId } }),
  });
}
