// Create, update (also enable/disable and move) and delete rules; each refreshes the rules (and health).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { gatewayKeys } from './keys';
import type { GatewayRule, RuleInput } from './types';

const path = (id: string) => `/api/gateway/rules/${encodeURIComponent(id)}`;

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: gatewayKeys.all });
}

export function useRuleCreateMutation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: RuleInput) => api<{ rule: GatewayRule }>('/api/gateway/rules', { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useRuleUpdateMutation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: RuleInput }) => api<{ rule: GatewayRule }>(path(id), { method: 'PATCH', body: input }),
    onSettled: refresh,
  });
}

export function useRuleDeleteMutation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api<{ rule: GatewayRule }>(path(id), { method: 'DELETE' }),
    onSettled: refresh,
  });
}
