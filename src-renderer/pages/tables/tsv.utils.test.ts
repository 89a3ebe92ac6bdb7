import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from './tsv.utils';

describe('TSV', () => {
  it('round-trips fields with tabs, newlines and quotes; null becomes an empty field', () => {
    const rows = [['1', 'a\tb', null], ['2', 'line\nbreak', 'say "hi"']];
    const text = toTsv(rows);
    expect(text).toBe('1\t"a\tb"\t\n2\t"line\nbreak"\t"say ""hi"""');
    expect(parseTsv(text)).toEqual([['1', 'a\tb', ''], ['2', 'line\nbreak', 'say "hi"']]);
  });
  it('reads spreadsheet clipboard text (CRLF, trailing newline, empty cells)', () => {
    expect(parseTsv('a\tb\r\n\t2\r\n')).toEqual([['a', 'b'], ['', '2']]);
    expect(parseTsv('')).toEqual([]);
    expect(parseTsv('x')).toEqual([['x']]);
  });
});
