import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { storageKeys } from './keys';
import type { StorageBucket } from './types';

export function useBucketsQuery() {
  return useQuery({ queryKey: storageKeys.buckets(), queryFn: () => api<{ buckets: StorageBucket[] }>('/api/storage/buckets') });
}
