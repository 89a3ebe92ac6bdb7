import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiKeyKeys } from './keys';
import type { ApiKey } from './types';

export function useApiKeyUpdateMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; label?: string; rate_limit?: number | null }) =>
      api<{ key: ApiKey }>(`/api/keys/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
