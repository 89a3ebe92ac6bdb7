import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { csvLine, parseCsv } from './csv.js';
import { flattenPlan } from './explain.js';
import { containsPattern, parseCursor, parseFilter, parseList, parseOrder } from './grid-params.js';
import { intervalText } from './json-values.js';
import { arrayLiteral } from './pg-values.js';

describe('grid parameters', () => {
  it('parses filters with the REST operators', () => {
    expect(parseFilter('age.gte.18')).toEqual({ column: 'age', op: 'gte', negate: false, value: '18' });
    expect(parseFilter('status.not.eq.done')).toEqual({ column: 'status', op: 'eq', negate: true, value: 'done' });
    expect(parseFilter('name.ilike.*a.b*')).toEqual({ column: 'name', op: 'ilike', negate: false, value: '*a.b*' });
    expect(parseFilter('id.in.(1,2,"x,y")').value).toEqual(['1', '2', 'x,y']);
    expect(parseFilter('d.is.NULL').value).toBe('null');
    for (const bad of ['age', 'age.between.1', 'age.is.maybe', 'id.in.1,2']) expect(() => parseFilter(bad), bad).toThrow(ApiError);
  });

  it('parses lists, orders, cursors and search patterns', () => {
    expect(parseList('()')).toEqual([]);
    expect(parseList('(a, "b\\"c", d)')).toEqual(['a', 'b"c', 'd']);
    expect(parseOrder('a.desc, b,c.ASC')).toEqual([{ column: 'a', direction: 'desc' }, { column: 'b', direction: 'asc' }, { column: 'c', direction: 'asc' }]);
    expect(parseCursor('["1",null]', 2)).toEqual(['1', null]);
    for (const bad of ['x', '[1]', '["1"]', '{}']) expect(() => parseCursor(bad, 2)).toThrow(ApiError);
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });

  it('writes Postgres array literals', () => {
    expect(arrayLiteral(['a', null, 'b,c', 'say "hi"', 'back\\slash', [1, 2]])).toBe('{"a",NULL,"b,c","say \\"hi\\"","back\\\\slash",{"1","2"}}');
  });
});

describe('intervalText', () => {
  it('prints intervals the way Postgres does', () => {
    expect(intervalText({ years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6, milliseconds: 500 })).toBe('1 year 2 mons 3 days 04:05:06.5');
    expect(intervalText({})).toBe('00:00:00');
    expect(intervalText({ hours: -1, minutes: -30 })).toBe('-01:30:00');
    expect(intervalText({ days: -1 })).toBe('-1 days');
  });
});

describe('csv', () => {
  it('round-trips quoting, NULL versus empty, and line breaks', () => {
    const rows: Array<Array<string | null>> = [['a', 'b'], ['x,y', null], ['say "hi"', ''], ['line\nbreak', ' pad ']];
    expect(parseCsv(rows.map(csvLine).join(''))).toEqual(rows);
    expect(parseCsv('\ufeffa,b\n1,\n')).toEqual([['a', 'b'], ['1', null]]);
    expect(() => parseCsv('a\n"open')).toThrow(/line 2/);
  });
});

describe('flattenPlan', () => {
  it('computes exclusive cost and time per node', () => {
    const nodes = flattenPlan({
      'Node Type': 'Hash Join', 'Total Cost': 100, 'Plan Rows': 10, 'Actual Total Time': 50, 'Actual Loops': 1,
      Plans: [
        { 'Node Type': 'Seq Scan', 'Total Cost': 30, 'Plan Rows': 10, 'Actual Total Time': 10, 'Actual Loops': 1, 'Relation Name': 'a' },
        { 'Node Type': 'Index Scan', 'Total Cost': 20, 'Plan Rows': 1, 'Actual Total Time': 2, 'Actual Loops': 10 },
      ],
    }, true);
    expect(nodes.map((n) => [n.id, n.parent_id, n.exclusive_cost, n.exclusive_ms])).toEqual([[0, null, 50, 20], [1, 0, 30, 10], [2, 0, 20, 20]]);
    expect(nodes.map((n) => n.share)).toEqual([0.4, 0.2, 0.4]);
  });
});
