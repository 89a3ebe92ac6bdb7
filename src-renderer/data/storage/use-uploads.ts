// Uploads dropped files one after another with per-file progress (XMLHttpRequest reports upload progress; fetch
// does not), then refreshes the listings.
import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { csrfToken } from '../../lib/api';
import { storageKeys } from './keys';
import { objectApiPath } from './paths';

export interface UploadItem {
  id: string;
  name: string;
  size: number;
  loaded: number;
  status: 'queued' | 'uploading' | 'done' | 'failed';
  error?: string;
}

function send(bucket: string, path: string, file: File, upsert: boolean, onProgress: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', objectApiPath(bucket, path));
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-upsert', String(upsert));
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let message = `HTTP ${xhr.status}`;
      try {
        const body = JSON.parse(xhr.responseText) as { error?: string; message?: string };
        message = body.error ?? body.message ?? message;
      } catch {
        // not JSON
      }
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted'));
    xhr.send(file);
  });
}

export function useUploads(bucket: string) {
  const qc = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const patch = (id: string, change: Partial<UploadItem>) => setItems((all) => all.map((i) => (i.id === id ? { ...i, ...change } : i)));

  const upload = useCallback(async (files: File[], prefix: string, upsert: boolean) => {
    const queued = files.map((f) => ({ file: f, item: { id: crypto.randomUUID(), name: prefix + f.name, size: f.size, loaded: 0, status: 'queued' as const } }));
    setItems((all) => [...queued.map((q) => q.item), ...all]);
    for (const { file, item } of queued) {
      patch(item.id, { status: 'uploading' });
      try {
        await send(bucket, item.name, file, upsert, (loaded) => patch(item.id, { loaded }));
        patch(item.id, { status: 'done', loaded: item.size });
      } catch (err) {
        patch(item.id, { status: 'failed', error: (err as Error).message });
      }
    }
    await qc.invalidateQueries({ queryKey: storageKeys.all });
  }, [bucket, qc]);

  const clearFinished = () => setItems((all) => all.filter((i) => i.status === 'queued' || i.status === 'uploading'));
  return { items, upload, clearFinished };
}
