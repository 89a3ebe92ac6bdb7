import { useEffect, useState, type ReactNode } from 'react';
import './ui.css';

/** Open modals, innermost last: only the innermost one answers Escape. */
const stack: object[] = [];

export interface ModalProps {
  title: string;
  children: ReactNode;
  onClose: () => void;
  testId: string;
  wide?: boolean;
  /** When set (the dialog holds unsaved input), Escape and a backdrop click ask before closing. */
  discardMessage?: string | null;
}

/** A centred modal with a backdrop; Escape or a backdrop click closes it (asking first when it holds input). */
export function Modal({ title, children, onClose, testId, wide, discardMessage }: ModalProps) {
  const [asking, setAsking] = useState(false);
  const [self] = useState(() => ({}));
  useEffect(() => {
    stack.push(self);
    return () => {
      stack.splice(stack.indexOf(self), 1);
    };
  }, [self]);
  const requestClose = () => (discardMessage ? setAsking(true) : onClose());
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || stack[stack.length - 1] !== self) return;
      if (asking) setAsking(false);
      else if (discardMessage) setAsking(true);
      else onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, discardMessage, asking, self]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && requestClose()}>
      <div className={`modal ${wide ? 'modal-wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {asking && (
          <div className="notice" role="alertdialog" data-testid="modal-discard">
            <p style={{ margin: '0 0 8px' }}>{discardMessage}</p>
            <div className="row">
              <button type="button" className="btn btn-small" autoFocus onClick={() => setAsking(false)} data-testid="modal-discard-cancel">Keep editing</button>
              <button type="button" className="btn btn-small btn-danger" onClick={onClose} data-testid="modal-discard-confirm">Discard</button>
            </div>
          </div>
        )}
        {children}
      </div>
    </div>
  );
}
