import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { storageKeys } from './keys';
import type { StorageEntry } from './types';

/** One folder level of a bucket (prefix '' or ending in '/'). */
export function useEntriesQuery(bucket: string | undefined, prefix: string) {
  return useQuery({
    queryKey: storageKeys.entries(bucket ?? '', prefix),
    enabled: Boolean(bucket),
    queryFn: () => api<{ entries: StorageEntry[] }>(
      `/api/storage/buckets/${encodeURIComponent(bucket!)}/entries?limit=1000&prefix=${encodeURIComponent(prefix)}`),
  });
}
