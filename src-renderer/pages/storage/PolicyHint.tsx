import type { StorageBucket } from '../../data/storage/types';

/** Shown when no RLS policy on storage.objects lets anon or authenticated callers into the bucket. */
export function PolicyHint({ bucket }: { bucket: StorageBucket }) {
  const { anon, authenticated } = bucket.policies;
  if (anon && authenticated) return null;
  const missing = [!anon && 'anon', !authenticated && 'authenticated'].filter(Boolean).join(' and ');
  const id = bucket.id.replace(/'/g, "''");
  const example = `create policy "Users manage their own folder" on storage.objects for all to authenticated
  using (bucket_id = '${id}' and (storage.foldername(name))[1] = auth.uid()::text)
  with check (bucket_id = '${id}' and (storage.foldername(name))[1] = auth.uid()::text);`;
  return (
    <div className="notice" data-testid="policy-hint">
      <strong>No policy for {missing}.</strong> RLS is on for <code>storage.objects</code>: apps using the anon key or a user's JWT
      {bucket.public ? ' can download this public bucket\'s files, but cannot list, upload or delete them' : ' cannot read or write this bucket'} until a policy allows it.
      The service_role key and this dashboard are not affected. For example, in the SQL console:
      <pre className="snippet">{example}</pre>
    </div>
  );
}
