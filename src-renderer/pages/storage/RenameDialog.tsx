import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Move or rename: the new full path inside the bucket (folders are created by the path). */
export function RenameDialog({ path, busy, onRename, onCancel }: { path: string; busy: boolean; onRename: (to: string) => void; onCancel: () => void }) {
  const [to, setTo] = useState(path);
  const valid = to.trim() !== '' && to !== path && !to.startsWith('/') && !to.endsWith('/') && !to.includes('//');
  return (
    <ConfirmDialog title="Move or rename" confirmLabel="Move" busy={busy} confirmDisabled={!valid} testId="rename-dialog"
      onConfirm={() => onRename(to.trim())} onCancel={onCancel}>
      <label className="stack">New path
        <input value={to} onChange={(e) => setTo(e.target.value)} autoFocus data-testid="rename-input" />
      </label>
    </ConfirmDialog>
  );
}
