import type { FolderEntry, MigrationStatus } from '../../data/migrations/types';
import { formatTime } from '../../lib/format';

const BADGE: Record<MigrationStatus, string> = { applied: 'badge-ok', pending: 'badge-warn', changed: 'badge-bad', missing: 'badge-muted' };
const HELP: Record<MigrationStatus, string> = {
  applied: 'Applied with this exact SQL',
  pending: 'Not applied yet',
  changed: 'The file was edited after it was applied: move the change into a new migration',
  missing: 'Applied, but no file in the folder has it',
};

/** The folder's files against the history, one row per version. */
export function FolderTable({ entries }: { entries: FolderEntry[] }) {
  return (
    <table className="data" data-testid="migrations-table">
      <thead><tr><th>Version</th><th>Name</th><th>Status</th><th>Applied</th><th>By</th></tr></thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.version} data-testid="migration-row" data-version={e.version} data-status={e.status}>
            <td className="mono">{e.version}</td>
            <td>{e.file ? <code>{e.file}</code> : e.name}</td>
            <td><span className={`badge ${BADGE[e.status]}`} title={HELP[e.status]} data-testid="migration-status">{e.status}</span></td>
            <td>{e.applied_at ? formatTime(e.applied_at) : '—'}</td>
            <td className="muted">{e.applied_by ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
