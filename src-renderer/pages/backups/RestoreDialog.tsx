import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { Backup, RestoreInput } from '../../data/backups/types';
import { formatTime } from '../../lib/format';

/** Restore into a new branch (default) or over main; the latter names what is replaced and needs its name typed. */
export function RestoreDialog({ backup, mainDatabase, busy, onRestore, onCancel }: {
  backup: Backup;
  mainDatabase: string;
  busy: boolean;
  onRestore: (input: Omit<RestoreInput, 'id'>) => void;
  onCancel: () => void;
}) {
  const [target, setTarget] = useState<'branch' | 'main'>('branch');
  const [label, setLabel] = useState(`restore-${backup.label}`.slice(0, 60));
  const [typed, setTyped] = useState('');
  const overMain = target === 'main';
  const canConfirm = !overMain || typed === mainDatabase;
  const confirm = () => {
    if (!canConfirm) return;
    onRestore(overMain ? { target: 'main', confirm: true } : { target: 'branch', label: label.trim() || undefined });
  };
  return (
    <ConfirmDialog title={`Restore ${backup.label}`} confirmLabel={overMain ? `Replace ${mainDatabase}` : 'Restore into a new branch'} danger={overMain}
      busy={busy} confirmDisabled={!canConfirm} onConfirm={confirm} onCancel={onCancel} testId="restore-dialog">
      <p className="muted">Snapshot of <code>{backup.source_database}</code> taken {formatTime(backup.created_at)}.</p>
      <div className="stack">
        <label className="toggle">
          <input type="radio" name="restore-target" checked={!overMain} onChange={() => setTarget('branch')} data-testid="restore-target-branch" />
          Into a new branch — nothing existing is touched
        </label>
        {!overMain && (
          <label>Branch label
            <input value={label} maxLength={60} onChange={(e) => setLabel(e.target.value)} data-testid="restore-branch-label" />
          </label>
        )}
        <label className="toggle">
          <input type="radio" name="restore-target" checked={overMain} onChange={() => setTarget('main')} data-testid="restore-target-main" />
          Over the main database
        </label>
        {overMain && (
          <div className="notice notice-error" data-testid="restore-main-warning">
            <p>This <strong>replaces the main database <code>{mainDatabase}</code></strong> — every table and row in it now — with the contents of this backup.
              Clients connected to it are disconnected.</p>
            <p>The current state of <code>{mainDatabase}</code> is first kept as a backup, so you can undo this by restoring that backup.</p>
            <label>Type <code>{mainDatabase}</code> to confirm
              <input value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="restore-confirm-input" autoComplete="off" />
            </label>
          </div>
        )}
      </div>
    </ConfirmDialog>
  );
}
