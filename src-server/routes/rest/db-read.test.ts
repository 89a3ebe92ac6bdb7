import { PostgrestClient } from '@supabase/postgrest-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { SchemaCache } from '../../rest/schema-cache.js';
import { LIBRARY_SQL } from './fixture.js';

let t: TestApp;
let db: PostgrestClient;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ dbSchemas: ['public', 'private'] });
  await t.sql.query(LIBRARY_SQL);
  base = `${await t.listen()}/v1/db`;
  db = new PostgrestClient(base, { headers: { apikey: t.serviceKey } });
});
afterAll(async () => t?.close());

const booksQuery = () => db.from('books').select('title').order('id');
type Query = ReturnType<typeof booksQuery>;
const titles = (data: unknown) => (data as Array<{ title: string }>).map((b) => b.title);

describe('select', () => {
  it('columns, aliases, casts and JSON paths', async () => {
    const { data, error } = await db.from('books').select('id, name:title, pages::text, lang:meta->>lang, rating:meta->stats->rating, isbn:meta->>isbn').eq('id', 1);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 1, name: 'The Dispossessed', pages: '387', lang: 'en', rating: 5, isbn: '111' }]);
  });

  it('* returns every column with JSON types (numeric as number, arrays, jsonb)', async () => {
    const { data } = await db.from('books').select('*').eq('id', 2).single();
    expect(data).toMatchObject({ id: 2, title: 'A Wizard of Earthsea', price: 7.5, tags: ['fantasy', 'classic'], meta: { lang: 'en' }, editor_id: null });
  });

  it('many-to-one, one-to-many, many-to-many and nested embeds', async () => {
    const { data, error } = await db.from('books')
      .select('title, author:authors!author_id(name), reviews(stars), genres(name), editor:authors!editor_id(name, books!author_id(title))')
      .eq('id', 1).single();
    expect(error).toBeNull();
    expect(data).toEqual({
      title: 'The Dispossessed', author: { name: 'Ursula' }, reviews: [{ stars: 5 }, { stars: 4 }], genres: [{ name: 'scifi' }],
      editor: { name: 'Terry', books: [{ title: 'Small Gods' }, { title: 'Guards! Guards!' }] },
    });
  });

  it('embeds by foreign-key column name and from the referenced side', async () => {
    const { data } = await db.from('authors').select('name, books!author_id(title)').eq('id', 3).single();
    expect(data).toEqual({ name: 'Iain', books: [{ title: 'Excession' }] });
    const { data: d2 } = await db.from('books').select('title, author_id(name)').eq('id', 4).single();
    expect(d2).toEqual({ title: 'Excession', author_id: { name: 'Iain' } });
  });

  it('ambiguous embed is 300 PGRST201; unknown relationship 400 PGRST200', async () => {
    const amb = await db.from('books').select('authors(name)');
    expect(amb.status).toBe(300);
    expect(amb.error?.code).toBe('PGRST201');
    const none = await db.from('books').select('kv(k)');
    expect(none.status).toBe(400);
    expect(none.error?.code).toBe('PGRST200');
  });

  it('!inner filters parents by embedded filters; plain embed filters only the embed', async () => {
    const inner = await db.from('books').select('title, genres!inner(name)').eq('genres.name', 'satire');
    expect(inner.data).toEqual([{ title: 'Small Gods', genres: [{ name: 'satire' }] }]);
    const plain = await db.from('books').select('id, reviews(stars)').eq('reviews.stars', 5).order('id').limit(3);
    expect(plain.data).toEqual([{ id: 1, reviews: [{ stars: 5 }] }, { id: 2, reviews: [] }, { id: 3, reviews: [{ stars: 5 }] }]);
  });

  it('order, limit and offset on embedded resources', async () => {
    const { data } = await db.from('books').select('id, reviews(stars)').eq('id', 1)
      .order('stars', { referencedTable: 'reviews', ascending: true }).limit(1, { referencedTable: 'reviews' });
    expect(data).toEqual([{ id: 1, reviews: [{ stars: 4 }] }]);
  });

  it('unknown table 404 PGRST205; unknown column 400 with a hint', async () => {
    const table = await db.from('bookz').select('*');
    expect(table.status).toBe(404);
    expect(table.error?.code).toBe('PGRST205');
    expect(table.error?.hint).toContain('books');
    const col = await db.from('books').select('titel');
    expect(col.status).toBe(400);
    expect(col.error?.hint).toContain('title');
  });

  it('Accept-Profile selects another exposed schema; an unexposed one is refused', async () => {
    const { data } = await db.schema('private').from('secrets').select('*');
    expect(data).toEqual([{ id: 1, value: 'hidden' }]);
    const res = await fetch(`${base}/secrets`, { headers: { apikey: t.serviceKey, 'Accept-Profile': 'pg_catalog' } });
    expect(res.status).toBe(406);
  });
});

describe('filters', () => {
  const cases: Array<[string, (q: Query) => PromiseLike<{ data: unknown; error: unknown }>, string[]]> = [
    ['eq', (q) => q.eq('title', 'Small Gods'), ['Small Gods']],
    ['neq', (q) => q.neq('author_id', 1).neq('author_id', 2), ['Excession']],
    ['gt/lte', (q) => q.gt('pages', 284).lte('pages', 400), ['The Dispossessed']],
    ['gte/lt', (q) => q.gte('pages', 284).lt('pages', 387), ['Small Gods']],
    ['like with *', (q) => q.like('title', '*Gods*'), ['Small Gods']],
    ['ilike with %', (q) => q.ilike('title', '%guards%'), ['Guards! Guards!']],
    ['is null', (q) => q.is('pages', null), ['Excession']],
    ['is true', (q) => q.is('published', true).lt('id', 3), ['The Dispossessed', 'A Wizard of Earthsea']],
    ['not is null', (q) => q.not('published', 'is', null).eq('published', false), ['Small Gods']],
    ['in with quoted values', (q) => q.in('title', ['Small Gods', 'Guards! Guards!', 'a,b (c)']), ['Small Gods', 'Guards! Guards!']],
    ['in empty', (q) => q.in('id', []), []],
    ['not in', (q) => q.not('id', 'in', '(1,2,3,4)'), ['Guards! Guards!']],
    ['cs array', (q) => q.contains('tags', ['classic', 'scifi']), ['The Dispossessed']],
    ['cd array', (q) => q.containedBy('tags', ['fantasy', 'satire', 'x']), ['Small Gods', 'Guards! Guards!']],
    ['ov array', (q) => q.overlaps('tags', ['satire', 'classic']), ['The Dispossessed', 'A Wizard of Earthsea', 'Small Gods']],
    ['cs jsonb', (q) => q.contains('meta', { lang: 'de' }), ['Guards! Guards!']],
    ['range sl', (q) => q.rangeLt('during', '[1980,1981)'), ['The Dispossessed', 'A Wizard of Earthsea']],
    ['range sr', (q) => q.rangeGt('during', '[1980,1981)'), ['Guards! Guards!']],
    // nxr: does not extend to the right of (&<); nxl: does not extend to the left of (&>).
    ['range nxr (rangeLte)', (q) => q.rangeLte('during', '[1967,1971)'), ['A Wizard of Earthsea']],
    ['range nxl (rangeGte)', (q) => q.rangeGte('during', '[1971,1972)'), ['Guards! Guards!']],
    ['range adj', (q) => q.rangeAdjacent('during', '[1975,1980)'), ['The Dispossessed']],
    ['range ov', (q) => q.overlaps('during', '[1974,1989)'), ['The Dispossessed', 'Guards! Guards!']],
    ['fts', (q) => q.textSearch('search', 'wizard & earthsea'), ['A Wizard of Earthsea']],
    ['plfts with config', (q) => q.textSearch('search', 'small gods', { type: 'plain', config: 'english' }), ['Small Gods']],
    ['phfts', (q) => q.textSearch('search', 'small gods', { type: 'phrase' }), ['Small Gods']],
    ['wfts', (q) => q.textSearch('search', 'guards -earthsea', { type: 'websearch' }), ['Guards! Guards!']],
    ['match', (q) => q.match({ author_id: 2, published: false }), ['Small Gods']],
    ['regex match', (q) => q.filter('title', 'match', '^[AS]'), ['A Wizard of Earthsea', 'Small Gods']],
    ['regex imatch', (q) => q.filter('title', 'imatch', '^the'), ['The Dispossessed']],
    ['isdistinct', (q) => q.filter('editor_id', 'isdistinct', '2').lt('id', 3), ['A Wizard of Earthsea']],
    ['eq(any)', (q) => q.filter('id', 'eq(any)', '{2,3}'), ['A Wizard of Earthsea', 'Small Gods']],
    ['like(all)', (q) => q.filter('title', 'like(all)', '{*a*,*s*}'), ['A Wizard of Earthsea', 'Small Gods', 'Guards! Guards!']],
    ['or', (q) => q.or('id.eq.1,title.eq.Excession'), ['The Dispossessed', 'Excession']],
    ['or with nested and + quoted', (q) => q.or('title.eq."Guards! Guards!",and(author_id.eq.1,pages.lt.200)'), ['A Wizard of Earthsea', 'Guards! Guards!']],
    ['JSON path filter', (q) => q.eq('meta->>lang', 'de'), ['Guards! Guards!']],
    ['JSON path nested', (q) => q.eq('meta->stats->>rating', '5'), ['The Dispossessed']],
  ];
  for (const [name, apply, expected] of cases) {
    it(name, async () => {
      const { data, error } = await apply(booksQuery());
      expect(error).toBeNull();
      expect(titles(data)).toEqual(expected);
    });
  }

  it('and=() and not.or=() through the query string', async () => {
    const get = async (qs: string) => (await (await fetch(`${base}/books?select=title&order=id&${qs}`, { headers: { apikey: t.serviceKey } })).json());
    expect(titles(await get('and=(author_id.eq.2,pages.gt.300)'))).toEqual(['Guards! Guards!']);
    expect(titles(await get('not.or=(author_id.eq.1,author_id.eq.2)'))).toEqual(['Excession']);
    expect(titles(await get('or=(id.in.(1,2),not.and(pages.gt.1,pages.lt.400))'))).toEqual(['The Dispossessed', 'A Wizard of Earthsea', 'Guards! Guards!']);
  });

  it('values are typed like the column without its length (char(n), bit(n), varchar(n))', async () => {
    expect((await db.from('codes').select('code').eq('code', 'ABCDE')).data).toEqual([{ code: 'ABCDE' }]);
    expect((await db.from('codes').select('code').eq('code', 'ABCDX')).data).toEqual([]);
    expect((await db.from('codes').select('code').eq('bits', '101')).data).toEqual([{ code: 'ABCDE' }]);
    expect((await db.from('codes').select('code').eq('label', 'abcd')).data).toEqual([]);
    expect((await db.from('codes').select('code').eq('bits', 'xyz')).status).toBe(400);
  });

  it('bad filter syntax is 400 PGRST100', async () => {
    for (const qs of ['id=zz.1', 'id=eq', 'or=id.eq.1', 'id=in.1,2', 'select=id,(', 'order=id.sideways']) {
      const res = await fetch(`${base}/books?${qs}`, { headers: { apikey: t.serviceKey } });
      expect(res.status, qs).toBe(400);
      expect(((await res.json()) as { code: string }).code, qs).toBe('PGRST100');
    }
  });
});

describe('order, paging, counts, formats', () => {
  it('orders with nulls first/last and several keys', async () => {
    const a = await db.from('books').select('id').order('pages', { ascending: false, nullsFirst: true });
    expect(a.data!.map((r) => r.id)).toEqual([4, 5, 1, 3, 2]);
    const b = await db.from('books').select('id').order('published', { ascending: true, nullsFirst: false }).order('id', { ascending: false });
    expect(b.data!.map((r) => r.id)).toEqual([3, 5, 2, 1, 4]);
  });

  it('limit, range and offset with Content-Range', async () => {
    const r = await db.from('books').select('id').order('id').range(1, 2);
    expect(r.data).toEqual([{ id: 2 }, { id: 3 }]);
    const res = await fetch(`${base}/books?select=id&order=id&limit=2&offset=3`, { headers: { apikey: t.serviceKey } });
    expect(res.headers.get('content-range')).toBe('3-4/*');
    expect(await res.json()).toEqual([{ id: 4 }, { id: 5 }]);
  });

  it('counts exact, planned and estimated with a numeric total; 206 on a partial page; head', async () => {
    const exact = await db.from('books').select('id', { count: 'exact' }).limit(2);
    expect(exact.count).toBe(5);
    expect(exact.status).toBe(206);
    const planned = await db.from('books').select('id', { count: 'planned' });
    expect(Number.isInteger(planned.count)).toBe(true);
    const estimated = await db.from('books').select('id', { count: 'estimated' });
    expect(Number.isInteger(estimated.count)).toBe(true);
    const head = await db.from('books').select('*', { count: 'exact', head: true }).eq('author_id', 2);
    expect(head.count).toBe(2);
    expect(head.data).toBeNull();
    const none = await db.from('books').select('id', { count: 'exact' }).eq('id', -1);
    expect(none.count).toBe(0);
    expect(none.data).toEqual([]);
  });

  it('offset past the end with a count is 416 PGRST103', async () => {
    const r = await db.from('books').select('id', { count: 'exact' }).range(10, 12);
    expect(r.status).toBe(416);
    expect(r.error?.code).toBe('PGRST103');
  });

  it('single() and maybeSingle()', async () => {
    const one = await db.from('books').select('title').eq('id', 3).single();
    expect(one.data).toEqual({ title: 'Small Gods' });
    const many = await db.from('books').select('title').single();
    expect(many.status).toBe(406);
    expect(many.error?.code).toBe('PGRST116');
    const zero = await db.from('books').select('title').eq('id', 99).single();
    expect(zero.status).toBe(406);
    const maybe = await db.from('books').select('title').eq('id', 99).maybeSingle();
    expect(maybe.data).toBeNull();
    expect(maybe.error).toBeNull();
    const maybeOne = await db.from('books').select('title').eq('id', 2).maybeSingle();
    expect(maybeOne.data).toEqual({ title: 'A Wizard of Earthsea' });
  });

  it('csv()', async () => {
    const { data } = await db.from('authors').select('id,name,email').order('id').csv();
    expect(data).toBe('id,name,email\n1,Ursula,ursula@example.com\n2,Terry,terry@example.com\n3,Iain,');
  });

  it('limit defaults to 1000 and is capped at 10000', async () => {
    await t.sql.query('CREATE TABLE many AS SELECT g AS id FROM generate_series(1, 10050) g');
    const def = await fetch(`${base}/many?select=id`, { headers: { apikey: t.serviceKey } });
    expect(((await def.json()) as unknown[]).length).toBe(1000);
    const big = await fetch(`${base}/many?select=id&limit=50000`, { headers: { apikey: t.serviceKey } });
    expect(((await big.json()) as unknown[]).length).toBe(10000);
  });

  it('the schema cache reloads after DDL', async () => {
    await t.sql.query('CREATE TABLE fresh (id int PRIMARY KEY, label text); INSERT INTO fresh VALUES (1, \'new\')');
    const { data } = await db.from('fresh').select('label');
    expect(data).toEqual([{ label: 'new' }]);
    await t.sql.query('ALTER TABLE fresh ADD COLUMN extra int DEFAULT 7');
    const after = await db.from('fresh').select('extra');
    expect(after.data).toEqual([{ extra: 7 }]);
  });

  it('DDL notifies the schema cache through the event trigger (no request needed)', async () => {
    const cache = new SchemaCache(t.ctx);
    await cache.start();
    const before = await cache.get();
    expect(before.relations.has('public\u0000notified')).toBe(false);
    await t.sql.query('CREATE TABLE notified (id int)');
    let snapshot = before;
    for (let i = 0; i < 100 && snapshot === before; i++) {
      await new Promise((r) => setTimeout(r, 20));
      snapshot = await cache.get();
    }
    expect(snapshot.relations.has('public\u0000notified')).toBe(true);
  });
});
