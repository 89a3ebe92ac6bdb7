// Bucket changes from the Storage page; each refreshes the bucket list (and the emptied bucket's listings).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { storageKeys } from './keys';
import type { BucketInput, StorageBucket } from './types';

const bucketPath = (id: string) => `/api/storage/buckets/${encodeURIComponent(id)}`;

function useBucketMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: storageKeys.all }) });
}

export const useBucketCreateMutation = () =>
  useBucketMutation((input: BucketInput) => api<{ bucket: StorageBucket }>('/api/storage/buckets', { method: 'POST', body: input }));

export const useBucketUpdateMutation = () =>
  useBucketMutation(({ id, input }: { id: string; input: BucketInput }) => api<{ bucket: StorageBucket }>(bucketPath(id), { method: 'PATCH', body: input }));

export const useBucketEmptyMutation = () =>
  useBucketMutation((id: string) => api<{ deleted: number }>(`${bucketPath(id)}/empty`, { method: 'POST' }));

export const useBucketDeleteMutation = () =>
  useBucketMutation((id: string) => api<{ message: string }>(bucketPath(id), { method: 'DELETE' }));
