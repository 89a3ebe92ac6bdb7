import { describe, expect, it } from 'vitest';
import { toCsv, toJson, toMarkdown } from './sql-export.utils';

const result = {
  columns: [{ name: 'id' }, { name: 'note' }, { name: 'meta' }],
  rows: [
    { id: 1, note: 'a, "quoted"\nline', meta: { k: [1, 2] } },
    { id: 2, note: null, meta: null },
    { id: 3, note: '', meta: 'x|y' },
  ],
};

describe('exports', () => {
  it('CSV quotes commas, quotes and newlines, tells NULL from empty', () => {
    expect(toCsv(result)).toBe('id,note,meta\r\n1,"a, ""quoted""\nline","{""k"":[1,2]}"\r\n2,,\r\n3,"",x|y\r\n');
  });
  it('JSON is the rows', () => {
    expect(JSON.parse(toJson(result))).toEqual(result.rows);
  });
  it('Markdown escapes pipes and newlines', () => {
    const md = toMarkdown(result).split('\n');
    expect(md[0]).toBe('| id | note | meta |');
    expect(md[1]).toBe('| --- | --- | --- |');
    expect(md[2]).toBe('| 1 | a, "quoted"<br>line | {"k":[1,2]} |');
    expect(md[3]).toBe('| 2 | NULL | NULL |');
    expect(md[4]).toBe('| 3 |  | x\\|y |');
  });
});
