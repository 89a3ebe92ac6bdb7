import { backupDownloadUrl, type Backup } from '../../data/backups/types';
import { formatBytes, formatMs, formatTime } from '../../lib/format';

function StatusBadge({ backup }: { backup: Backup }) {
  if (backup.status === 'in_progress') return <span className="badge badge-warn"><span className="spinner" /> in progress</span>;
  if (backup.status === 'completed') return <span className="badge badge-ok">completed</span>;
  return <span className="badge badge-bad" title={backup.error ?? undefined}>{backup.status}</span>;
}

export function BackupTable({ backups, onRestore, onDelete }: { backups: Backup[]; onRestore: (b: Backup) => void; onDelete: (b: Backup) => void }) {
  return (
    <table className="data" data-testid="backup-table">
      <thead>
        <tr><th>Backup</th><th>Of database</th><th>Status</th><th>Size</th><th>Took</th><th>Taken</th><th /></tr>
      </thead>
      <tbody>
        {backups.map((b) => {
          const done = b.status === 'completed';
          return (
            <tr key={b.id} data-testid="backup-row" data-backup-id={b.id} data-label={b.label}>
              <td>
                <strong data-testid="backup-label">{b.label}</strong>{' '}
                {b.kind !== 'manual' && <span className="badge badge-muted" data-testid="backup-kind">{b.kind}</span>}
                <div className="muted mono">{b.database_name}</div>
                {b.error && <div className="hint" data-testid="backup-error">{b.error}</div>}
              </td>
              <td className="mono">{b.source_database}</td>
              <td data-testid="backup-status"><StatusBadge backup={b} /></td>
              <td data-testid="backup-size">{formatBytes(b.size_bytes)}</td>
              <td>{formatMs(b.duration_ms)}</td>
              <td>{formatTime(b.created_at)}</td>
              <td className="actions">
                <button type="button" className="btn btn-small" disabled={!done} onClick={() => onRestore(b)} data-testid="backup-restore">Restore…</button>
                {done ? (
                  <a className="btn btn-small" href={backupDownloadUrl(b.id)} download data-testid="backup-download">Download SQL</a>
                ) : (
                  <button type="button" className="btn btn-small" disabled>Download SQL</button>
                )}
                <button type="button" className="btn btn-small btn-danger" disabled={b.status === 'in_progress'} onClick={() => onDelete(b)} data-testid="backup-delete">Delete</button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
