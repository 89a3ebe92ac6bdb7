// Create, update (also pause/resume), delete, test and replay; each refreshes the webhook queries.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { webhookKeys } from './keys';
import type { SendResult, Webhook, WebhookInput } from './types';

const path = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: webhookKeys.all });
}

export function useWebhookCreateMutation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: WebhookInput) => api<{ webhook: Webhook }>('/api/webhooks', { method: 'POST', body: input }),
    onSettled: refresh,
  });
}

export function useWebhookUpdateMutation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: WebhookInput }) => api<{ webhook: Webhook }>(path(id), { method: 'PATCH', body: input }),
    onSettled: refresh,
  });
}

export function useWebhookDeleteMutation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api<{ webhook: Webhook }>(path(id), { method: 'DELETE' }),
    onSettled: refresh,
  });
}

export function useWebhookTestMutation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api<SendResult>(`${path(id)}/test`, { method: 'POST' }),
    onSettled: refresh,
  });
}

export function useWebhookReplayMutation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, logId }: { id: string; logId: number }) => api<SendResult>(`${path(id)}/replay/${logId}`, { method: 'POST' }),
    onSettled: refresh,
  });
}

/** Drops a webhook's pending deliveries (a flood nobody wants sent). */
export function useWebhookCancelPendingMutation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api<{ cancelled: number; in_flight: number }>(`${path(id)}/cancel-pending`, { method: 'POST' }),
    onSettled: refresh,
  });
}
