import type { UploadItem } from '../../data/storage/use-uploads';
import { formatBytes } from '../../lib/format';

export function UploadQueue({ items, onClear }: { items: UploadItem[]; onClear: () => void }) {
  if (items.length === 0) return null;
  return (
    <div className="card upload-queue" data-testid="upload-queue">
      <div className="page-header">
        <h2>Uploads</h2>
        <button type="button" className="btn btn-small" onClick={onClear} data-testid="upload-clear">Clear finished</button>
      </div>
      {items.map((i) => {
        const percent = i.size ? Math.round((i.loaded / i.size) * 100) : i.status === 'done' ? 100 : 0;
        return (
          <div key={i.id} className="upload-item" data-testid="upload-item" data-status={i.status} data-name={i.name}>
            <span className="truncate">{i.name}</span>
            <span className="muted">{formatBytes(i.size)}</span>
            <progress max={100} value={percent} aria-label={`Upload of ${i.name}`} data-testid="upload-progress" />
            <span className={i.status === 'failed' ? 'text-bad' : 'muted'} data-testid="upload-status">
              {i.status === 'failed' ? i.error : i.status === 'done' ? 'done' : `${percent} %`}
            </span>
          </div>
        );
      })}
    </div>
  );
}
