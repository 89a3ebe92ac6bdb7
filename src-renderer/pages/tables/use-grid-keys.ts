// The grid's cell cursor and range, driven from the keyboard: arrows move (Shift extends the range), Tab/Shift+Tab
// move along the row, Enter/F2 edit, Escape collapses the range; Ctrl/Cmd+C copies the range as TSV and a paste
// of TSV becomes pending edits from the cursor on (see paste.utils).
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { CellPos, CellRange, GridColumn, GridRow } from './grid-types';
import { parseTsv, toTsv } from './tsv.utils';
import { displayText } from './values.utils';

export interface GridKeysInput {
  gridRef: RefObject<HTMLDivElement | null>;
  rows: GridRow[];
  columns: GridColumn[];
  editable: boolean;
  startEdit: (row: GridRow, col: GridColumn) => void;
  /** Returns an error message when the block could not be pasted. */
  paste: (block: string[][], start: CellPos) => string | null;
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max));

export function rangeOf(a: CellPos | null, b: CellPos | null): CellRange | null {
  if (!a || !b) return null;
  return { r0: Math.min(a.row, b.row), r1: Math.max(a.row, b.row), c0: Math.min(a.col, b.col), c1: Math.max(a.col, b.col) };
}

const isField = (el: Element | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

export function useGridKeys({ gridRef, rows, columns, editable, startEdit, paste }: GridKeysInput) {
  const [cursor, setCursor] = useState<CellPos | null>(null);
  const [anchor, setAnchor] = useState<CellPos | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const maxRow = rows.length - 1;
  const maxCol = columns.length - 1;

  const moveTo = (pos: CellPos, extend = false) => {
    const p = { row: clamp(pos.row, maxRow), col: clamp(pos.col, maxCol) };
    setCursor(p);
    if (!extend) setAnchor(p);
  };
  const step = (from: CellPos, dir: 'next' | 'prev'): CellPos => {
    if (dir === 'next') return from.col < maxCol ? { row: from.row, col: from.col + 1 } : { row: Math.min(from.row + 1, maxRow), col: 0 };
    return from.col > 0 ? { row: from.row, col: from.col - 1 } : { row: Math.max(from.row - 1, 0), col: maxCol };
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || rows.length === 0 || columns.length === 0) return;
    const at = cursor ?? { row: 0, col: 0 };
    const moves: Record<string, CellPos> = {
      ArrowUp: { row: at.row - 1, col: at.col }, ArrowDown: { row: at.row + 1, col: at.col },
      ArrowLeft: { row: at.row, col: at.col - 1 }, ArrowRight: { row: at.row, col: at.col + 1 },
      PageUp: { row: at.row - 20, col: at.col }, PageDown: { row: at.row + 20, col: at.col },
      Home: { row: e.ctrlKey || e.metaKey ? 0 : at.row, col: 0 }, End: { row: e.ctrlKey || e.metaKey ? maxRow : at.row, col: maxCol },
    };
    if (moves[e.key]) {
      e.preventDefault();
      moveTo(cursor ? moves[e.key] : at, e.shiftKey);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      moveTo(cursor ? step(at, e.shiftKey ? 'prev' : 'next') : at);
    } else if ((e.key === 'Enter' || e.key === 'F2') && cursor && editable) {
      e.preventDefault();
      const row = rows[cursor.row];
      if (row && !row.deleted && !columns[cursor.col].generated) startEdit(row, columns[cursor.col]);
    } else if (e.key === 'Escape') {
      setAnchor(cursor);
      setNotice(null);
    }
  };

  const onCopy = (e: ClipboardEvent) => {
    const range = rangeOf(anchor, cursor);
    if (!range || !e.clipboardData) return;
    e.preventDefault();
    const out: Array<Array<string | null>> = [];
    for (let r = range.r0; r <= range.r1; r++) {
      const row = rows[r];
      out.push(columns.slice(range.c0, range.c1 + 1).map((c) => displayText(row.values[c.name])));
    }
    e.clipboardData.setData('text/plain', toTsv(out));
    const cells = (range.r1 - range.r0 + 1) * (range.c1 - range.c0 + 1);
    setNotice(`Copied ${cells} cell${cells === 1 ? '' : 's'} as TSV`);
  };

  const onPaste = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.preventDefault();
    if (!editable) {
      setNotice('This grid is read-only here: nothing was pasted');
      return;
    }
    const block = parseTsv(e.clipboardData.getData('text/plain'));
    if (block.length === 0) return;
    const start = cursor ?? { row: rows.length, col: 0 };
    setNotice(paste(block, start));
  };

  // Chromium fires copy (and sometimes paste) at the body when nothing editable is focused, so listen on the
  // document and act while the grid itself has the focus.
  const handlers = useRef({ onCopy, onPaste });
  handlers.current = { onCopy, onPaste };
  useEffect(() => {
    const owns = () => {
      const active = document.activeElement;
      return gridRef.current !== null && active !== null && gridRef.current.contains(active) && !isField(active);
    };
    const copy = (e: ClipboardEvent) => owns() && handlers.current.onCopy(e);
    const pasted = (e: ClipboardEvent) => owns() && handlers.current.onPaste(e);
    document.addEventListener('copy', copy);
    document.addEventListener('paste', pasted);
    return () => {
      document.removeEventListener('copy', copy);
      document.removeEventListener('paste', pasted);
    };
  }, [gridRef]);

  return {
    cursor, range: rangeOf(anchor, cursor), notice, setNotice,
    onCellDown: (pos: CellPos, extend: boolean) => moveTo(pos, extend),
    onKeyDown,
    /** After the cell editor commits with Tab / Shift+Tab. */
    advance: (dir: 'next' | 'prev') => cursor && moveTo(step(cursor, dir)),
    reset: () => { setCursor(null); setAnchor(null); },
  };
}
