import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { connectKeys } from './keys';

export interface ConnectInfo {
  api_url: string;
  rest_url: string;
  realtime_url: string;
  postgres: { embedded: boolean; host: string; port: number; user: string; database: string; url: string };
  keys: Array<{ id: string; key_type: 'anon' | 'service_role'; key_prefix: string; label: string }>;
  initial_secrets: { anon: string; service_role: string } | null;
}

export function useConnectQuery() {
  return useQuery({ queryKey: connectKeys.all, queryFn: () => api<ConnectInfo>('/api/connect') });
}
