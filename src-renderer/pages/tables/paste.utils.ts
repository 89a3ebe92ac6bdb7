// A pasted block of cells becomes pending edits: rows under the cursor are updated, rows past the end of the page
// become new rows. A first line that names the columns is taken as a header and maps fields by name.
import { addInsert, setCell, setInsertCell, type PendingEdits } from './edits.utils';
import type { GridColumn, GridRow } from './grid-types';
import { parseInput } from './values.utils';

export interface PasteResult {
  pending: PendingEdits;
  updated: number;
  inserted: number;
}

/** The value an empty field stands for: NULL when editing; in a new row the column default when there is one. */
function valueOf(text: string, col: GridColumn, insert: boolean): { value: unknown } | { error: string } | null {
  if (text === '') return insert && col.hasDefault ? null : { value: null };
  return parseInput(text, col.kind);
}

export function applyPaste(pending: PendingEdits, block: string[][], rows: GridRow[], columns: GridColumn[], start: { row: number; col: number }): PasteResult | { error: string } {
  let lines = block;
  let targets = columns.slice(start.col);
  const header = lines[0];
  if (lines.length > 1 && header.every((h) => columns.some((c) => c.name === h))) {
    targets = header.map((h) => columns.find((c) => c.name === h)!);
    lines = lines.slice(1);
  }
  let next = pending;
  let updated = 0;
  let inserted = 0;
  for (let i = 0; i < lines.length; i++) {
    const row = rows[start.row + i];
    const isNew = !row || row.kind === 'insert';
    const values: Record<string, unknown> = {};
    for (let k = 0; k < lines[i].length && k < targets.length; k++) {
      const col = targets[k];
      if (col.generated) continue;
      const v = valueOf(lines[i][k], col, isNew);
      if (v === null) continue;
      if ('error' in v) return { error: `Row ${i + 1}, column ${col.name}: ${v.error}` };
      values[col.name] = v.value;
    }
    if (!row) {
      next = addInsert(next, values);
      inserted++;
    } else if (row.kind === 'insert') {
      for (const [c, v] of Object.entries(values)) next = setInsertCell(next, row.insertId!, c, v);
      updated++;
    } else if (!row.deleted && row.pk) {
      for (const [c, v] of Object.entries(values)) next = setCell(next, row.pk, c, v, row.original[c]);
      updated++;
    }
  }
  return { pending: next, updated, inserted };
}
