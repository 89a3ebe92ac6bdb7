import { useState } from 'react';
import { editText, parseInput, type EditorKind } from './values.utils';

export interface CellEditorProps {
  kind: EditorKind;
  value: unknown;
  enumValues: string[] | null;
  nullable: boolean;
  /** Insert rows can go back to the column default. */
  allowDefault: boolean;
  onCommit: (value: unknown) => void;
  /** Tab / Shift+Tab: commit and move to the next / previous cell. */
  onCommitMove: (value: unknown, move: 'next' | 'prev') => void;
  onDefault: () => void;
  onCancel: () => void;
}

const toLocalInput = (v: string, kind: EditorKind) => (kind === 'datetime' ? v.replace(' ', 'T').replace(/(\.\d+)?([+-]\d\d(:?\d\d)?|Z)$/, '').slice(0, 19) : v);

/** An editor chosen by column type; Enter (Ctrl+Enter for JSON) saves into the pending queue, Escape cancels. */
export function CellEditor({ kind, value, enumValues, nullable, allowDefault, onCommit, onCommitMove, onDefault, onCancel }: CellEditorProps) {
  const [text, setText] = useState(() => (kind === 'datetime' || kind === 'date' || kind === 'time' ? toLocalInput(editText(value, kind), kind) : editText(value, kind)));
  const [error, setError] = useState<string | null>(null);
  const commit = (t = text, move?: 'next' | 'prev') => {
    const parsed = parseInput(t, kind);
    if ('error' in parsed) setError(parsed.error);
    else if (move) onCommitMove(parsed.value, move);
    else onCommit(parsed.value);
  };
  const keys = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') onCancel();
    if (e.key === 'Tab') {
      e.preventDefault();
      commit(text, e.shiftKey ? 'prev' : 'next');
    }
    if (e.key === 'Enter' && (kind !== 'json' || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    }
  };
  let input;
  if (kind === 'boolean') {
    input = (
      <select autoFocus value={text} onChange={(e) => { setText(e.target.value); if (e.target.value) onCommit(e.target.value === 'true'); }} onKeyDown={keys} data-testid="cell-editor-input">
        <option value="">—</option><option value="true">true</option><option value="false">false</option>
      </select>
    );
  } else if (kind === 'enum') {
    input = (
      <select autoFocus value={text} onChange={(e) => { setText(e.target.value); onCommit(e.target.value); }} onKeyDown={keys} data-testid="cell-editor-input">
        <option value="">—</option>{(enumValues ?? []).map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
    );
  } else if (kind === 'json') {
    input = <textarea autoFocus rows={6} value={text} onChange={(e) => { setText(e.target.value); setError(null); }} onKeyDown={keys} data-testid="cell-editor-input" />;
  } else {
    const type = kind === 'date' ? 'date' : kind === 'time' ? 'time' : kind === 'datetime' ? 'datetime-local' : 'text';
    input = <input autoFocus type={type} step={kind === 'datetime' || kind === 'time' ? 1 : undefined} value={text} onChange={(e) => { setText(e.target.value); setError(null); }} onKeyDown={keys} data-testid="cell-editor-input" />;
  }
  return (
    <div className="cell-editor" data-testid="cell-editor" onMouseDown={(e) => e.stopPropagation()}>
      {input}
      {error && <div className="cell-editor-error" data-testid="cell-editor-error">{error}</div>}
      <div className="row small">
        <button type="button" className="btn btn-small btn-primary" onClick={() => commit()} data-testid="cell-editor-save">Set</button>
        {nullable && <button type="button" className="btn btn-small" onClick={() => onCommit(null)} data-testid="cell-editor-null">NULL</button>}
        {allowDefault && <button type="button" className="btn btn-small" onClick={onDefault} data-testid="cell-editor-default">DEFAULT</button>}
        <button type="button" className="btn btn-small" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
