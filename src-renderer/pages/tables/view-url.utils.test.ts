import { describe, expect, it } from 'vitest';
import { readView, writeView } from './view-url.utils';

describe('grid view in the URL', () => {
  it('round-trips sort, filters, search, page position and size', () => {
    const view = {
      sort: [{ column: 'age', direction: 'desc' as const }, { column: 'name', direction: 'asc' as const }],
      filters: [{ column: 'age', op: 'gte' as const, negate: false, value: '18' }, { column: 'tags.x', op: 'in' as const, negate: true, value: '(a,"b,c")' }],
      search: 'ada & co', page: { kind: 'after' as const, cursor: '["36","Ada"]' }, size: 50,
    };
    const qs = writeView(view);
    expect(qs).toMatch(/^\?sort=age\.desc%2Cname&filter=/);
    expect(readView(new URLSearchParams(qs))).toEqual(view);
  });
  it('defaults and ignores what it does not understand', () => {
    expect(readView(new URLSearchParams('size=7&offset=-3&filter=nonsense'))).toEqual({ sort: [], filters: [], search: '', page: { kind: 'first' }, size: 100 });
    expect(writeView(readView(new URLSearchParams('')))).toBe('');
    expect(readView(new URLSearchParams('page=last')).page).toEqual({ kind: 'last' });
    expect(readView(new URLSearchParams('offset=200')).page).toEqual({ kind: 'offset', offset: 200 });
  });
});
