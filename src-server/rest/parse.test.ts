import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { parseAccept, parseHeaders, parsePrefer } from './headers.js';
import { parseOrder, parseQuery, parseSelect, queryPairs } from './parse.js';

const q = (qs: string, args?: Set<string>) => parseQuery(queryPairs(`/x?${qs}`), args ? (k) => args.has(k) : undefined);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as ApiError).code;
  }
  return 'no error';
};

describe('select', () => {
  it('parses columns, aliases, casts, JSON paths and embeds', () => {
    expect(parseSelect('id, name:title, pages::text, lang:meta->>lang, meta->a->0')).toEqual([
      { kind: 'column', field: { name: 'id', path: [] }, alias: undefined, cast: undefined },
      { kind: 'column', field: { name: 'title', path: [] }, alias: 'name', cast: undefined },
      { kind: 'column', field: { name: 'pages', path: [] }, alias: undefined, cast: 'text' },
      { kind: 'column', field: { name: 'meta', path: [{ arrow: '->>', key: 'lang' }] }, alias: 'lang', cast: undefined },
      { kind: 'column', field: { name: 'meta', path: [{ arrow: '->', key: 'a' }, { arrow: '->', key: '0', index: 0 }] }, alias: undefined, cast: undefined },
    ]);
    expect(parseSelect('title,author:users!author_id(name),tags!inner(*, sub(x))')).toEqual([
      { kind: 'column', field: { name: 'title', path: [] }, alias: undefined, cast: undefined },
      { kind: 'embed', name: 'users', alias: 'author', hint: 'author_id', inner: false, spread: false, empty: false, select: [{ kind: 'column', field: { name: 'name', path: [] }, alias: undefined, cast: undefined }] },
      {
        kind: 'embed', name: 'tags', alias: undefined, hint: undefined, inner: true, spread: false, empty: false,
        select: [{ kind: 'star' }, { kind: 'embed', name: 'sub', alias: undefined, hint: undefined, inner: false, spread: false, empty: false, select: [{ kind: 'column', field: { name: 'x', path: [] }, alias: undefined, cast: undefined }] }],
      },
    ]);
    expect(parseSelect('"odd ""name""",first-name')).toMatchObject([{ field: { name: 'odd "name"' } }, { field: { name: 'first-name' } }]);
    expect(parseSelect('')).toEqual([{ kind: 'star' }]);
  });

  it('parses spreads, empty embeds, aggregates and count()', () => {
    expect(parseSelect('...details(d:info),users()')).toMatchObject([
      { kind: 'embed', name: 'details', spread: true, empty: false, select: [{ kind: 'column', alias: 'd', field: { name: 'info' } }] },
      { kind: 'embed', name: 'users', spread: false, empty: true, select: [] },
    ]);
    expect(parseSelect('amount.sum(),total:amount::numeric.avg()::int,count(),n:count()::text,messages(count)')).toMatchObject([
      { kind: 'column', field: { name: 'amount' }, aggregate: 'sum' },
      { kind: 'column', field: { name: 'amount' }, alias: 'total', cast: 'numeric', aggregate: 'avg', aggregateCast: 'int' },
      { kind: 'count', alias: undefined },
      { kind: 'count', alias: 'n', cast: 'text' },
      { kind: 'embed', name: 'messages', select: [{ kind: 'column', field: { name: 'count' } }] },
    ]);
  });

  it('rejects malformed selects with PGRST100', () => {
    for (const s of ['id,', 'a(', 'a!b!c!d(x)', 'a::', 'a::int;drop', '"', '...a', 'a b c(', 'a.median()']) {
      expect(code(() => parseSelect(s)), s).toBe('PGRST100');
    }
  });
});

describe('filters and logic trees', () => {
  it('parses operators, not, quantifiers, fts configs and in-lists', () => {
    const ast = q('age=gte.1&age=lte.5&name=not.like.*a*&id=in.(1,"a,b",")")&tags=cs.{a,b}&doc=fts(english).cat&v=eq(any).{1,2}&x=is.NULL');
    expect(ast.levels.get('')!.filters).toEqual([
      { kind: 'cond', field: { name: 'age', path: [] }, negate: false, op: 'gte', value: '1' },
      { kind: 'cond', field: { name: 'age', path: [] }, negate: false, op: 'lte', value: '5' },
      { kind: 'cond', field: { name: 'name', path: [] }, negate: true, op: 'like', value: '*a*' },
      { kind: 'cond', field: { name: 'id', path: [] }, negate: false, op: 'in', value: ['1', 'a,b', ')'] },
      { kind: 'cond', field: { name: 'tags', path: [] }, negate: false, op: 'cs', value: '{a,b}' },
      { kind: 'cond', field: { name: 'doc', path: [] }, negate: false, op: 'fts', language: 'english', value: 'cat' },
      { kind: 'cond', field: { name: 'v', path: [] }, negate: false, op: 'eq', quantifier: 'any', value: '{1,2}' },
      { kind: 'cond', field: { name: 'x', path: [] }, negate: false, op: 'is', value: 'null' },
    ]);
  });

  it('parses nested or/and with quoted values and embedded levels', () => {
    const ast = q('or=(a.eq.1,and(b.gt.2,c.is.null),d.eq."x,y)",e.in.(1,2))&rel.sub.col=eq.3&rel.not.and=(x.eq.1)&rel.order=y.desc&rel.limit=2');
    expect(ast.levels.get('')!.filters[0]).toMatchObject({
      kind: 'logic', op: 'or', negate: false, children: [
        { op: 'eq', value: '1' },
        { kind: 'logic', op: 'and', children: [{ op: 'gt' }, { op: 'is', value: 'null' }] },
        { op: 'eq', value: 'x,y)' },
        { op: 'in', value: ['1', '2'] },
      ],
    });
    expect(ast.levels.get('rel.sub')!.filters).toHaveLength(1);
    expect(ast.levels.get('rel')).toMatchObject({ filters: [{ kind: 'logic', op: 'and', negate: true }], order: [{ direction: 'desc' }], limit: 2 });
  });

  it('splits embedded levels before a JSON path and separates rpc arguments', () => {
    const ast = q('rel.data->>a=eq.1&n=5&x=eq.2', new Set(['n']));
    expect(ast.levels.get('rel')!.filters[0]).toMatchObject({ field: { name: 'data', path: [{ arrow: '->>', key: 'a' }] } });
    expect(ast.args).toEqual({ n: '5' });
  });

  it('rejects bad filters, limits and orders with PGRST100', () => {
    for (const s of ['a=foo.1', 'a=eq', 'a=in.1', 'or=a.eq.1', 'or=()', 'limit=-1', 'limit=x', 'order=a.up', 'a=is.maybe', 'a=eq(some).1', 'a=fts(x y).q', '.a=eq.1']) {
      expect(code(() => q(s)), s).toBe('PGRST100');
    }
    expect(q('limit=999999').levels.get('')!.limit).toBe(10000);
  });
});

describe('order and headers', () => {
  it('parses order terms', () => {
    expect(parseOrder('a.desc.nullslast,b,data->>k.asc')).toEqual([
      { field: { name: 'a', path: [] }, direction: 'desc', nulls: 'last' },
      { field: { name: 'b', path: [] } },
      { field: { name: 'data', path: [{ arrow: '->>', key: 'k' }] }, direction: 'asc' },
    ]);
  });

  it('Prefer: first occurrence wins, unknown ones are kept for handling=strict, with or without spaces', () => {
    expect(parsePrefer('return=minimal,count=exact, return=representation, foo=bar, resolution=merge-duplicates')).toEqual({ return: 'minimal', count: 'exact', resolution: 'merge-duplicates', invalid: ['foo=bar'] });
    expect(parsePrefer(['missing=default', 'count=planned'])).toEqual({ missing: 'default', count: 'planned', invalid: [] });
    expect(parsePrefer('handling=strict, max-affected=5, tx=rollback, max-affected=x')).toEqual({ handling: 'strict', maxAffected: 5, tx: 'rollback', invalid: [] });
    expect(parsePrefer('tx=maybe,max-affected=-1').invalid).toEqual(['tx=maybe', 'max-affected=-1']);
  });

  it('Accept, profiles and Range', () => {
    expect(parseAccept(undefined, false)).toEqual({ accept: 'json', stripNulls: false });
    expect(parseAccept('*/*', false).accept).toBe('json');
    expect(parseAccept('application/vnd.pgrst.object+json', false).accept).toBe('object');
    expect(parseAccept('application/vnd.pgrst.array+json;nulls=stripped', false)).toEqual({ accept: 'json', stripNulls: true });
    expect(parseAccept('text/csv', false).accept).toBe('csv');
    expect(code(() => parseAccept('text/html', false))).toBe('PGRST107');
    expect(code(() => parseAccept('application/vnd.pgrst.plan+json', false))).toBe('PGRST107');
    expect(parseAccept('application/vnd.pgrst.plan+text; for="application/vnd.pgrst.object+json"; options=analyze|verbose|bogus;', true))
      .toEqual({ accept: 'object', stripNulls: false, plan: { format: 'text', options: ['analyze', 'verbose'] } });
    expect(parseHeaders({ 'accept-profile': 'api', range: '5-9' }, false, false)).toMatchObject({ profile: 'api', range: { offset: 5, limit: 5 } });
    expect(parseHeaders({ 'content-profile': 'api', 'accept-profile': 'x' }, true, false).profile).toBe('api');
    expect(code(() => parseHeaders({ range: '9-5' }, false, false))).toBe('PGRST103');
  });
});
