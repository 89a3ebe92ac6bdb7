import { describe, expect, it } from 'vitest';
import { addInsert, countEdits, emptyEdits, setCell, setInsertCell, toEdits, toggleDelete } from './edits.utils';
import { editorKind, parseInput } from './values.utils';

describe('pending edits', () => {
  it('collects updates, inserts and deletes into one ordered request, and maps indexes back', () => {
    let p = emptyEdits();
    p = setCell(p, { id: 1 }, 'name', 'a', 'old');
    p = setCell(p, { id: 1 }, 'age', 3, 2);
    p = setCell(p, { id: 2 }, 'name', 'b', 'x');
    p = addInsert(p, { name: 'new' });
    p = setInsertCell(p, p.inserts[0].id, 'age', 5);
    p = toggleDelete(p, { id: 3 }, true);
    p = toggleDelete(p, { id: 2 }, true);
    const { edits, refs } = toEdits(p);
    expect(edits).toEqual([
      { op: 'update', pk: { id: 1 }, set: { name: 'a', age: 3 } },
      { op: 'insert', values: { name: 'new', age: 5 } },
      { op: 'delete', pk: { id: 3 } },
      { op: 'delete', pk: { id: 2 } },
    ]);
    expect(refs.map((r) => r.kind)).toEqual(['update', 'insert', 'delete', 'delete']);
    expect(countEdits(p)).toBe(5);
  });
  it('setting a cell back to its original value drops the update', () => {
    let p = setCell(emptyEdits(), { id: 1 }, 'name', 'a', 'old');
    p = setCell(p, { id: 1 }, 'name', 'old', 'old');
    expect(countEdits(p)).toBe(0);
  });
});

describe('values', () => {
  const col = (data_type: string, udt_name: string, category: string, enum_values: string[] | null = null) => ({ data_type, udt_name, category, enum_values });
  it('picks editors by type', () => {
    expect(editorKind(col('jsonb', 'jsonb', 'U'))).toBe('json');
    expect(editorKind(col('text[]', '_text', 'A'))).toBe('array');
    expect(editorKind(col('boolean', 'bool', 'B'))).toBe('boolean');
    expect(editorKind(col('integer', 'int4', 'N'))).toBe('number');
    expect(editorKind(col('mood', 'mood', 'E', ['a']))).toBe('enum');
    expect(editorKind(col('timestamp with time zone', 'timestamptz', 'D'))).toBe('datetime');
  });
  it('validates JSON, numbers and arrays', () => {
    expect(parseInput('{"a":', 'json')).toHaveProperty('error');
    expect(parseInput('{"a":1}', 'json')).toEqual({ value: '{"a":1}' });
    expect(parseInput('12x', 'number')).toHaveProperty('error');
    expect(parseInput(' -1.5e3 ', 'number')).toEqual({ value: '-1.5e3' });
    expect(parseInput('["a","b"]', 'array')).toEqual({ value: ['a', 'b'] });
    expect(parseInput('{a,b}', 'array')).toEqual({ value: '{a,b}' });
    expect(parseInput('a,b', 'array')).toHaveProperty('error');
  });
});
