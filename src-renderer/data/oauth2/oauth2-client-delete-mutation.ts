import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { oauth2Keys } from './keys';
import type { OAuth2Client } from './types';

export function useOAuth2ClientDeleteMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) => api<{ client: OAuth2Client; revoked_tokens: number }>(`/api/oauth2/clients/${encodeURIComponent(clientId)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: oauth2Keys.clients() }),
  });
}
