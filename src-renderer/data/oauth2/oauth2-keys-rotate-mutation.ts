import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { oauth2Keys } from './keys';
import type { OAuth2Overview } from './types';

/** A new signing key; the previous one stays published until the tokens it signed have expired. */
export function useOAuth2KeysRotateMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<OAuth2Overview>('/api/oauth2/keys/rotate', { method: 'POST' }),
    onSuccess: (data) => qc.setQueryData(oauth2Keys.overview(), data),
  });
}
