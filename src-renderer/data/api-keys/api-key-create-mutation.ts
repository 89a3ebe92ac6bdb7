import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiKeyKeys } from './keys';
import type { ApiKey, KeyType } from './types';

export interface CreateKeyInput {
  keyType: KeyType;
  label?: string;
  /** null: no limit. */
  rate_limit?: number | null;
}

export function useApiKeyCreateMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateKeyInput) => api<{ key: ApiKey; secret: string }>('/api/keys', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
