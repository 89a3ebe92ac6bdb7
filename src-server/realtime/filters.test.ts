import { describe, expect, it } from 'vitest';
import { checkConditions, matches, parseFilter } from './filters.js';
import type { ColumnMeta } from './types.js';

const columns: ColumnMeta[] = [
  { name: 'id', type: 'int8' }, { name: 'name', type: 'text' }, { name: 'done', type: 'bool' },
  { name: 'at', type: 'timestamptz' }, { name: 'amount', type: 'numeric' },
];
const test = (filter: string, row: Record<string, unknown>) => matches(parseFilter(filter), row, columns);

describe('postgres_changes filters', () => {
  it('compares numbers as numbers, texts as texts, times as times', () => {
    expect(test('id=eq.5', { id: 5 })).toBe(true);
    expect(test('id=gt.10', { id: 9 })).toBe(false);
    expect(test('id=gte.9', { id: 9 })).toBe(true);
    expect(test('amount=lt.10.5', { amount: 10.25 })).toBe(true);
    expect(test('name=lte.b', { name: 'a' })).toBe(true);
    expect(test('name=neq.a', { name: 'b' })).toBe(true);
    expect(test('done=eq.true', { done: true })).toBe(true);
    expect(test('at=gt.2024-01-01 00:00:00+00', { at: '2024-01-01T00:00:01+00:00' })).toBe(true);
  });

  it('splits on commas outside quotes and parentheses; in, is, like, not', () => {
    expect(parseFilter('id=in.(1,2),name=eq."a,b"')).toMatchObject([{ column: 'id', op: 'in', values: ['1', '2'] }, { column: 'name', op: 'eq', values: ['a,b'] }]);
    expect(test('id=in.(1,2),name=eq."a,b"', { id: 2, name: 'a,b' })).toBe(true);
    expect(test('name=in.("x,y",z)', { name: 'x,y' })).toBe(true);
    expect(test('name=is.null', { name: null })).toBe(true);
    expect(test('done=is.false', { done: false })).toBe(true);
    expect(test('name=like.%ell%', { name: 'hello' })).toBe(true);
    expect(test('name=ilike.HE%', { name: 'hello' })).toBe(true);
    expect(test('id=not.in.(1,2)', { id: 3 })).toBe(true);
  });

  it('treats NULL as SQL does: no comparison with it passes, not even neq or not', () => {
    expect(test('name=neq.a', { name: null })).toBe(false);
    expect(test('name=not.eq.a', { name: null })).toBe(false);
    expect(test('id=in.(1)', {})).toBe(false);
  });

  it('refuses malformed filters, unknown operators, unknown or unreadable columns and values of the wrong type', () => {
    expect(() => parseFilter('id')).toThrow('not of the form');
    expect(() => parseFilter('id=between.1')).toThrow('not supported');
    expect(() => parseFilter('id=in.1')).toThrow('not of the form');
    const readable = new Set(['id', 'name', 'done', 'at']);
    expect(() => checkConditions(parseFilter('nope=eq.1'), columns, readable, 't')).toThrow('does not exist');
    expect(() => checkConditions(parseFilter('amount=eq.1'), columns, readable, 't')).toThrow('may not SELECT');
    expect(() => checkConditions(parseFilter('id=eq.x'), columns, readable, 't')).toThrow('not a valid int8');
    expect(() => checkConditions(parseFilter('done=eq.maybe'), columns, readable, 't')).toThrow('not a valid bool');
    expect(() => checkConditions(parseFilter('id=in.(1,2),name=eq.x'), columns, readable, 't')).not.toThrow();
  });
});
