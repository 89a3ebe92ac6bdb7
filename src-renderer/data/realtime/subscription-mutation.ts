import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { realtimeKeys } from './keys';
import type { Subscription } from './types';

/** Subscribes (installs the change trigger) or unsubscribes a table. */
export function useRealtimeSubscriptionMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ schema, table, subscribe }: { schema: string; table: string; subscribe: boolean }) =>
      api<{ subscription: Subscription }>('/api/realtime/subscribe', { method: subscribe ? 'POST' : 'DELETE', body: { schema, table } }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: realtimeKeys.subscriptions() }), qc.invalidateQueries({ queryKey: realtimeKeys.status() })]),
  });
}
