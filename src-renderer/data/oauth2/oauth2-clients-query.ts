import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { oauth2Keys } from './keys';
import type { OAuth2Client } from './types';

export function useOAuth2ClientsQuery() {
  return useQuery({ queryKey: oauth2Keys.clients(), queryFn: () => api<{ clients: OAuth2Client[] }>('/api/oauth2/clients'), select: (d) => d.clients });
}
