import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { webhookKeys } from './keys';
import type { WebhookLog } from './types';

/** The delivery attempts, newest first; `outcome` narrows to successes or failures. Polls while open. */
export function useWebhookLogsQuery(id: string, outcome?: 'success' | 'failure') {
  const q = new URLSearchParams({ limit: '100' });
  if (outcome) q.set('outcome', outcome);
  return useQuery({
    queryKey: webhookKeys.logs(id, outcome),
    queryFn: () => api<{ logs: WebhookLog[] }>(`/api/webhooks/${encodeURIComponent(id)}/logs?${q}`),
    refetchInterval: 2_000,
  });
}
