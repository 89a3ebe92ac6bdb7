import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { oauth2Keys } from './keys';
import type { CreateOAuth2Client, CreatedOAuth2Client } from './types';

export function useOAuth2ClientCreateMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOAuth2Client) => api<CreatedOAuth2Client>('/api/oauth2/clients', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: oauth2Keys.clients() }),
  });
}
