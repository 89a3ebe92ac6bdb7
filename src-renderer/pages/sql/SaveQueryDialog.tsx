import { useState } from 'react';
import { Modal } from '../../components/studio/Modal';
import { ErrorNotice } from '../../components/ErrorNotice';

export interface SaveQueryDialogProps {
  initialName: string;
  initialTags: string[];
  /** When editing an existing saved query, its name is offered for update as well as "save as new". */
  existing: { id: string; name: string } | null;
  busy: boolean;
  error: unknown;
  onSave: (q: { name: string; tags: string[]; updateId: string | null }) => void;
  onCancel: () => void;
}

export function SaveQueryDialog({ initialName, initialTags, existing, busy, error, onSave, onCancel }: SaveQueryDialogProps) {
  const [name, setName] = useState(initialName);
  const [tags, setTags] = useState(initialTags.join(', '));
  const parsed = tags.split(',').map((t) => t.trim()).filter(Boolean);
  const valid = name.trim().length > 0;
  return (
    <Modal title="Save query" onClose={onCancel} testId="save-query-dialog">
      <label className="field">
        <span>Name</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="save-query-name" />
      </label>
      <label className="field">
        <span>Tags (comma separated)</span>
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="reports, users" data-testid="save-query-tags" />
      </label>
      {error ? <ErrorNotice error={error} testId="save-query-error" /> : null}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
        {existing && (
          <button type="button" className="btn" disabled={!valid || busy} onClick={() => onSave({ name, tags: parsed, updateId: existing.id })} data-testid="save-query-update">
            Update “{existing.name}”
          </button>
        )}
        <button type="button" className="btn btn-primary" disabled={!valid || busy} onClick={() => onSave({ name, tags: parsed, updateId: null })} data-testid="save-query-submit">
          {existing ? 'Save as new' : 'Save'}
        </button>
      </div>
    </Modal>
  );
}
