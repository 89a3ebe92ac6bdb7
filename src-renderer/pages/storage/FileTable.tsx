import type { StorageEntry } from '../../data/storage/types';
import { formatBytes, formatRelative, formatTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { storagePath } from './storage-path.utils';

interface FileMeta {
  size?: number;
  mimetype?: string;
}

export function FileTable({ bucket, prefix, entries, selected, onSelect, onDelete }: {
  bucket: string;
  prefix: string;
  entries: StorageEntry[];
  selected?: string;
  onSelect: (path: string) => void;
  onDelete: (path: string) => void;
}) {
  if (entries.length === 0) return <p className="muted" data-testid="files-empty">This folder is empty.</p>;
  return (
    <table className="data" data-testid="file-table">
      <thead><tr><th>Name</th><th>Size</th><th>Type</th><th>Updated</th><th /></tr></thead>
      <tbody>
        {entries.map((e) => {
          const path = prefix + e.name;
          if (e.id === null) {
            return (
              <tr key={`d:${e.name}`} data-testid="folder-row" data-name={e.name}>
                <td colSpan={4}><Link to={storagePath(bucket, path + '/')} className="folder-name" data-testid="folder-link">{e.name}</Link></td>
                <td className="actions"><button type="button" className="btn btn-small btn-danger" onClick={() => onDelete(path + '/')} data-testid="folder-delete">Delete</button></td>
              </tr>
            );
          }
          const meta = (e.metadata ?? {}) as FileMeta;
          return (
            <tr key={`f:${e.name}`} className={`selectable ${selected === path ? 'selected' : ''}`} onClick={() => onSelect(path)} data-testid="file-row" data-name={e.name}>
              <td>{e.name}</td>
              <td>{formatBytes(meta.size)}</td>
              <td className="muted">{meta.mimetype ?? '—'}</td>
              <td className="muted" title={formatTime(e.updated_at)}>{formatRelative(e.updated_at)}</td>
              <td className="actions">
                <button type="button" className="btn btn-small btn-danger" onClick={(ev) => { ev.stopPropagation(); onDelete(path); }} data-testid="file-delete">Delete</button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
