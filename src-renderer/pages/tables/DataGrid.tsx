import { useEffect } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { CellEditor } from './CellEditor';
import { GridHeader } from './GridHeader';
import type { GridColumn, GridProps, GridRow } from './grid-types';
import { displayText } from './values.utils';

export const ROW_HEIGHT = 30;
const SHOWN_CHARS = 200;

/** What an unset cell of a new row will get: the column default, NULL, or nothing yet (required). */
function unsetLabel(col: GridColumn) {
  if (col.generated) return <em>generated</em>;
  if (col.hasDefault) return <em>DEFAULT</em>;
  if (col.required) return <em data-testid="cell-required">required</em>;
  return <em>NULL</em>;
}

function Cell({ row, col, index, colIndex, p }: { row: GridRow; col: GridColumn; index: number; colIndex: number; p: GridProps }) {
  const value = row.values[col.name];
  const editing = p.editing?.rowKey === row.key && p.editing.column === col.name;
  const error = p.cellError?.rowKey === row.key && p.cellError.column === col.name ? p.cellError.message : null;
  const isUnset = row.kind === 'insert' && !(col.name in row.values);
  const text = isUnset ? null : displayText(value);
  const large = row.truncated.has(col.name) || (text !== null && text.length > SHOWN_CHARS);
  const isCursor = p.cursor?.row === index && p.cursor.col === colIndex;
  const r = p.range;
  const inRange = r !== null && (r.r0 !== r.r1 || r.c0 !== r.c1) && index >= r.r0 && index <= r.r1 && colIndex >= r.c0 && colIndex <= r.c1;
  const cls = ['tg-cell', row.changed.has(col.name) ? 'tg-changed' : '', error ? 'tg-error' : '', text === null ? 'tg-null' : '',
    isUnset && col.required ? 'tg-required' : '', isCursor ? 'tg-cursor' : '', inRange ? 'tg-in-range' : ''].join(' ');
  return (
    <div className={cls} style={{ width: col.width }} data-testid="grid-cell" data-column={col.name} data-error={error ? 'true' : undefined}
      data-cursor={isCursor || undefined} data-in-range={inRange || undefined} role="gridcell"
      onMouseDown={(e) => { if (e.button === 0 && !editing) p.onCellDown({ row: index, col: colIndex }, e.shiftKey); }}
      onDoubleClick={() => p.editable && !row.deleted && !col.generated && p.onStartEdit({ rowKey: row.key, column: col.name })}>
      <span className="tg-text">
        {isUnset ? unsetLabel(col) : text === null ? 'NULL' : large ? text.slice(0, SHOWN_CHARS) + '…' : text}
      </span>
      {large && <button type="button" className="tg-mini" title="Open in side editor" onClick={() => p.onOpenLarge(row, col)} data-testid="cell-open-large">⤢</button>}
      {col.fk && text !== null && row.kind === 'row' && (
        <button type="button" className="tg-mini" title={`Open ${col.fk.table} where ${col.fk.column} = ${text}`} onClick={() => p.onOpenFk(col, value)} data-testid="cell-fk-open">→</button>
      )}
      {error && <div className="tg-error-msg" role="alert" data-testid="cell-error">{error}</div>}
      {editing && (
        <CellEditor kind={col.kind} value={isUnset ? null : value} enumValues={col.enumValues} nullable={col.nullable} allowDefault={row.kind === 'insert'}
          onCommit={(v) => p.onCommit(row, col, v)} onCommitMove={(v, move) => p.onCommitMove(row, col, v, move)}
          onDefault={() => p.onDefault(row, col)} onCancel={p.onCancelEdit} />
      )}
    </div>
  );
}

/** The virtualized grid: only the visible rows are in the DOM, however many the page holds. It takes the keyboard when focused. */
export function DataGrid(p: GridProps) {
  const scroller = p.gridRef;
  const virtual = useVirtualizer({ count: p.rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = p.scrollTo === 'top' ? 0 : el.scrollHeight;
  }, [p.scrollKey, p.scrollTo, p.rows.length, scroller]);
  const cursorRow = p.cursor?.row;
  useEffect(() => {
    if (cursorRow !== undefined && cursorRow < p.rows.length) virtual.scrollToIndex(cursorRow, { align: 'auto' });
  }, [cursorRow, p.rows.length, virtual]);
  const width = 36 + p.columns.reduce((s, c) => s + c.width, 0);
  return (
    <div ref={scroller} className="table-grid" data-testid="data-grid" role="grid" aria-rowcount={p.rows.length} tabIndex={0}
      onKeyDown={p.onKeyDown}>
      <GridHeader columns={p.columns} sort={p.sort} onSort={p.onSort} onResize={p.onResize} width={width} />
      <div style={{ height: virtual.getTotalSize(), width, position: 'relative' }}>
        {virtual.getVirtualItems().map((item) => {
          const row = p.rows[item.index];
          return (
            <div key={row.key} className={`tg-row ${row.deleted ? 'tg-deleted' : ''} ${row.kind === 'insert' ? 'tg-inserted' : ''}`}
              style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, width, zIndex: p.editing?.rowKey === row.key ? 2 : undefined }}
              data-testid="grid-row" data-row-kind={row.kind} data-deleted={row.deleted} data-index={item.index}>
              <div className="tg-cell tg-select">
                <input type="checkbox" checked={p.selected.has(row.key)} onChange={() => p.onToggleSelect(row.key)} data-testid="row-select" aria-label="Select row" />
              </div>
              {p.columns.map((c, k) => <Cell key={c.name} row={row} col={c} index={item.index} colIndex={k} p={p} />)}
            </div>
          );
        })}
      </div>
      {p.rows.length === 0 && <p className="muted" style={{ padding: 12 }} data-testid="grid-empty">No rows.</p>}
    </div>
  );
}
