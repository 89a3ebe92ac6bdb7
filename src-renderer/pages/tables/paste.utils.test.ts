import { describe, expect, it } from 'vitest';
import { emptyEdits, toEdits } from './edits.utils';
import type { GridColumn, GridRow } from './grid-types';
import { applyPaste } from './paste.utils';

const col = (name: string, extra: Partial<GridColumn> = {}): GridColumn => ({
  name, type: 'text', isPk: false, nullable: true, hasDefault: false, required: false, generated: false, kind: 'text', enumValues: null, fk: null, width: 100, ...extra,
});
const columns = [col('id', { isPk: true, hasDefault: true, kind: 'number' }), col('name'), col('age', { kind: 'number' })];
const existing: GridRow = { key: 'k1', kind: 'row', values: { id: 1, name: 'Ada', age: 36 }, original: { id: 1, name: 'Ada', age: 36 }, pk: { id: 1 }, deleted: false, changed: new Set(), truncated: new Set() };

describe('paste', () => {
  it('updates the rows under the cursor and appends the rest as new rows', () => {
    const r = applyPaste(emptyEdits(), [['Grace', '85'], ['Linus', '']], [existing], columns, { row: 0, col: 1 });
    if ('error' in r) throw new Error(r.error);
    expect(r).toMatchObject({ updated: 1, inserted: 1 });
    expect(toEdits(r.pending).edits).toEqual([
      { op: 'update', pk: { id: 1 }, set: { name: 'Grace', age: '85' } },
      { op: 'insert', values: { name: 'Linus', age: null } },
    ]);
  });
  it('maps a header line by name, leaves defaults to empty fields of new rows, and refuses bad numbers', () => {
    const r = applyPaste(emptyEdits(), [['age', 'id', 'name'], ['1', '', 'x']], [], columns, { row: 0, col: 0 });
    if ('error' in r) throw new Error(r.error);
    expect(toEdits(r.pending).edits).toEqual([{ op: 'insert', values: { age: '1', name: 'x' } }]);
    expect(applyPaste(emptyEdits(), [['x', 'nope']], [], columns, { row: 0, col: 1 })).toEqual({ error: 'Row 1, column age: Not a number' });
  });
});
