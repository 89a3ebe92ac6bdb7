import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { apiKeyKeys } from './keys';
import type { ApiKey } from './types';

export function useApiKeysQuery() {
  return useQuery({ queryKey: apiKeyKeys.list(), queryFn: () => api<{ keys: ApiKey[] }>('/api/keys'), select: (d) => d.keys });
}
