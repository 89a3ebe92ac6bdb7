import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiKeyKeys } from './keys';
import type { ApiKey } from './types';

export interface RotatedKey {
  old_key_id: string;
  old_key_revoked: boolean;
  new_key: ApiKey;
  secret: string;
}

export function useApiKeyRotateMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<RotatedKey>(`/api/keys/${encodeURIComponent(id)}/rotate`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
