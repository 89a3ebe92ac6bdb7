import { useState, type ReactNode } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { Modal } from './Modal';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  busy?: boolean;
  error?: unknown;
  /** When set, the user must type this text (a table name, say) before confirming. */
  requireText?: string;
  testId?: string;
}

/** A confirmation that can show the server's error and require the user to type a name. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, danger, busy, error, requireText, testId = 'confirm-dialog' }: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const blocked = busy || (requireText !== undefined && typed !== requireText);
  return (
    <Modal title={title} onClose={onCancel} testId={testId}>
      <div className="modal-body">{children}</div>
      {requireText !== undefined && (
        <label className="field">
          <span>Type <code>{requireText}</code> to confirm</span>
          <input autoFocus value={typed} onChange={(e) => setTyped(e.target.value)} data-testid={`${testId}-input`} />
        </label>
      )}
      {error ? <ErrorNotice error={error} testId={`${testId}-error`} /> : null}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onCancel} data-testid={`${testId}-cancel`}>Cancel</button>
        <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={blocked} onClick={onConfirm} data-testid={`${testId}-confirm`}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
