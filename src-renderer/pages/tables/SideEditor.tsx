import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTableCellQuery } from '../../data/table-editor/table-cell-query';
import type { ViewAsRole } from '../../data/table-editor/types';
import type { GridColumn, GridRow } from './grid-types';
import { editText, parseInput } from './values.utils';

export interface SideEditorProps {
  schema: string;
  table: string;
  row: GridRow;
  column: GridColumn;
  viewAs: { role: ViewAsRole; sub?: string } | null;
  editable: boolean;
  onSave: (value: unknown) => void;
  onClose: () => void;
}

/** A large text/json cell, loaded in full by primary key and edited beside the grid (never inside it). */
export function SideEditor({ schema, table, row, column, viewAs, editable, onSave, onClose }: SideEditorProps) {
  const needsFetch = row.truncated.has(column.name) && row.pk !== null;
  const cell = useTableCellQuery(needsFetch ? { schema, table, column: column.name, pk: row.pk!, viewAs } : null);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const full = needsFetch ? cell.data?.value : row.values[column.name];
  useEffect(() => {
    if (!needsFetch || cell.data) setText(editText(full, column.kind));
  }, [needsFetch, cell.data, full, column.kind]);
  const save = () => {
    const parsed = parseInput(text ?? '', column.kind);
    if ('error' in parsed) setError(parsed.error);
    else onSave(parsed.value);
  };
  return (
    <aside className="side-editor" data-testid="side-editor">
      <div className="toolbar">
        <strong>{column.name}</strong> <span className="muted small">{column.type}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={onClose} data-testid="side-editor-close">Close</button>
      </div>
      {cell.error && <ErrorNotice error={cell.error} />}
      {text === null ? <p className="muted">Loading…</p> : (
        <textarea className="side-editor-text mono" value={text} readOnly={!editable} onChange={(e) => { setText(e.target.value); setError(null); }} data-testid="side-editor-text" />
      )}
      {error && <div className="notice notice-error" data-testid="side-editor-error">{error}</div>}
      {editable && <button type="button" className="btn btn-primary" onClick={save} data-testid="side-editor-save">Set value (pending)</button>}
    </aside>
  );
}
