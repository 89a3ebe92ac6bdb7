import type { StorageBucket } from '../../data/storage/types';
import { formatBytes } from '../../lib/format';
import { Link } from '../../lib/router';
import { storagePath } from './storage-path.utils';

export function BucketList({ buckets, selected }: { buckets: StorageBucket[]; selected?: string }) {
  if (buckets.length === 0) return <p className="muted" data-testid="buckets-empty">No buckets yet.</p>;
  return (
    <ul className="bucket-list" data-testid="bucket-list">
      {buckets.map((b) => (
        <li key={b.id}>
          <Link to={storagePath(b.id)} className={`bucket-item ${b.id === selected ? 'active' : ''}`} data-testid="bucket-item" data-bucket={b.id}>
            <span className="truncate">{b.name}</span>
            {b.public && <span className="badge badge-warn">public</span>}
            <span className="muted bucket-usage">{b.object_count} · {formatBytes(b.total_bytes)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
