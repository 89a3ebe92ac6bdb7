import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiKeyKeys } from './keys';
import type { ApiKey } from './types';

export function useApiKeyRevokeMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ key: ApiKey }>(`/api/keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
