import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { oauth2Keys } from './keys';
import type { OAuth2Overview } from './types';

/** The issuer as this dashboard reaches the API, the discovery URL and the signing keys. */
export function useOAuth2OverviewQuery() {
  return useQuery({ queryKey: oauth2Keys.overview(), queryFn: () => api<OAuth2Overview>('/api/oauth2') });
}
