import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { webhookKeys } from './keys';
import type { Webhook, WebhookLog } from './types';

/** One webhook with stats and its last 20 attempts; polls unless `live: false` (the edit form). */
export function useWebhookDetailQuery(id: string | undefined, opts: { live?: boolean } = {}) {
  return useQuery({
    queryKey: webhookKeys.detail(id ?? ''),
    queryFn: () => api<{ webhook: Webhook; logs: WebhookLog[] }>(`/api/webhooks/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
    refetchInterval: opts.live === false ? false : 3_000,
  });
}
