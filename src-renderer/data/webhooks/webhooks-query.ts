import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { webhookKeys } from './keys';
import type { Webhook } from './types';

export function useWebhooksQuery() {
  return useQuery({ queryKey: webhookKeys.list(), queryFn: () => api<{ webhooks: Webhook[] }>('/api/webhooks'), refetchInterval: 5_000 });
}
