// Object changes from the file browser: delete (files, or folders as "prefix/"), rename, and signed URLs.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { storageKeys } from './keys';

const bucketPath = (id: string) => `/api/storage/buckets/${encodeURIComponent(id)}`;

export function useObjectsDeleteMutation(bucket: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (paths: string[]) => api<{ deleted: number }>(`${bucketPath(bucket)}/objects`, { method: 'DELETE', body: { paths } }),
    onSettled: () => qc.invalidateQueries({ queryKey: storageKeys.all }),
  });
}

export function useObjectMoveMutation(bucket: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { from: string; to: string }) => api<{ Key: string }>(`${bucketPath(bucket)}/move`, { method: 'POST', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: storageKeys.entriesOf(bucket) }),
  });
}

export function useSignedUrlMutation(bucket: string) {
  return useMutation({
    mutationFn: (input: { path: string; expiresIn: number }) =>
      api<{ signedUrl: string }>(`${bucketPath(bucket)}/signed-url`, { method: 'POST', body: input }),
  });
}
