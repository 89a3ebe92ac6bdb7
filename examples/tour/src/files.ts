// Files: the user's own folder of the private `uploads` bucket. The storage policies only allow paths whose first
// segment is the user's id, so another user's folder is neither readable nor writable.
import type { SupabaseClient } from '@supabase/supabase-js';
import { byTestId, item, showError } from './ui';

const BUCKET = 'uploads';

export async function listFiles(supabase: SupabaseClient, userId: string): Promise<void> {
  const bucket = supabase.storage.from(BUCKET);
  const { data, error } = await bucket.list(userId, { sortBy: { column: 'name', order: 'asc' } });
  if (error) return showError(error);
  const paths = data.map((f) => `${userId}/${f.name}`);
  const signed = paths.length ? await bucket.createSignedUrls(paths, 600) : { data: [], error: null };
  if (signed.error) return showError(signed.error);
  byTestId('tour-files').replaceChildren(...data.map((file, i) => {
    const li = item('tour-file-row', '', { name: file.name });
    const link = document.createElement('a');
    link.dataset.testid = 'tour-file-link';
    link.href = signed.data[i]?.signedUrl ?? '#';
    link.textContent = file.name;
    const size = (file.metadata as { size?: number } | null)?.size ?? 0;
    li.append(link, ` · ${size} byte${size === 1 ? '' : 's'}`);
    return li;
  }));
}

export async function uploadFile(supabase: SupabaseClient, userId: string, file: File): Promise<boolean> {
  const { error } = await supabase.storage.from(BUCKET).upload(`${userId}/${file.name}`, file);
  showError(error);
  return !error;
}
