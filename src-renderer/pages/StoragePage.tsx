import { ErrorNotice } from '../components/ErrorNotice';
import { ModuleGate } from '../components/ModuleGate';
import { useModuleState } from '../data/modules/module-state';
import { useBucketCreateMutation } from '../data/storage/bucket-mutations';
import { useBucketsQuery } from '../data/storage/buckets-query';
import { navigate, useLocation } from '../lib/router';
import { BucketList } from './storage/BucketList';
import { BucketPanel } from './storage/BucketPanel';
import { CreateBucketForm } from './storage/CreateBucketForm';
import { parseStoragePath, storagePath } from './storage/storage-path.utils';

/** /buckets and /buckets/<bucket>/<folder…>/: buckets on the left, the selected bucket's files on the right. */
export function StoragePage() {
  const module = useModuleState('storage');
  const buckets = useBucketsQuery();
  const create = useBucketCreateMutation();
  const { pathname } = useLocation();
  const { bucket, prefix } = parseStoragePath(pathname);
  const list = buckets.data?.buckets;
  const selected = list?.find((b) => b.id === bucket);
  return (
    <ModuleGate title="Storage" module={module} error={buckets.error}>
      <section className="page" data-testid="storage-page">
        <h1>Storage</h1>
        <p className="muted">
          Buckets and files served by the Supabase Storage API at <code>/storage/v1</code>. Bytes live on this machine; access from apps is
          decided by RLS policies on <code>storage.objects</code>.
        </p>
        {buckets.error && <ErrorNotice error={buckets.error} />}
        {create.error && <ErrorNotice error={create.error} />}
        <div className="storage-grid">
          <div>
            <div className="card">{list && <BucketList buckets={list} selected={bucket} />}</div>
            <CreateBucketForm busy={create.isPending} onCreate={(input) => create.mutate(input, { onSuccess: (r) => navigate(storagePath(r.bucket.id)) })} />
          </div>
          <div>
            {selected && <BucketPanel key={selected.id} bucket={selected} prefix={prefix} />}
            {list && bucket && !selected && <p className="muted" data-testid="bucket-missing">There is no bucket {bucket}.</p>}
            {list && !bucket && <p className="muted" data-testid="bucket-none">Choose a bucket, or create one.</p>}
          </div>
        </div>
      </section>
    </ModuleGate>
  );
}
