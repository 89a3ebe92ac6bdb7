import { PostgrestClient } from '@supabase/postgrest-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { LIBRARY_SQL } from './fixture.js';

let t: TestApp;
let db: PostgrestClient;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(LIBRARY_SQL);
  base = `${await t.listen()}/v1/db`;
  db = new PostgrestClient(base, { headers: { apikey: t.serviceKey } });
});
afterAll(async () => t?.close());

const rows = async (sql: string, params: unknown[] = []) => (await t.sql.query(sql, params)).rows;

describe('insert', () => {
  it('single row without .select(): Truss default returns the row (201)', async () => {
    const { data, status } = await db.from('kv').insert({ k: 'c', v: 3 });
    expect(status).toBe(201);
    expect(data).toEqual([{ k: 'c', v: 3, note: 'dflt' }]);
  });

  it('bulk insert with .select(): missing keys become NULL, or DEFAULT with missing=default', async () => {
    const { data, error } = await db.from('kv').insert([{ k: 'd', v: 4 }, { k: 'e', note: 'x' }]).select('k, v, note');
    expect(error).toBeNull();
    expect(data).toEqual([{ k: 'd', v: 4, note: null }, { k: 'e', v: null, note: 'x' }]);
    const d2 = await db.from('kv').insert([{ k: 'f', v: 6 }, { k: 'g', note: 'y' }], { defaultToNull: false }).select('k, v, note');
    expect(d2.data).toEqual([{ k: 'f', v: 6, note: 'dflt' }, { k: 'g', v: 42, note: 'y' }]);
  });

  it('return=minimal gives an empty 201', async () => {
    const res = await fetch(`${base}/kv`, { method: 'POST', headers: { apikey: t.serviceKey, 'Content-Type': 'application/json', Prefer: 'return=minimal' }, body: JSON.stringify({ k: 'h' }) });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('');
    expect(await rows(`SELECT v FROM kv WHERE k = 'h'`)).toEqual([{ v: 42 }]);
  });

  it('unique violation is 409 23505 and changes nothing; unknown column 400 PGRST204', async () => {
    const dup = await db.from('kv').insert([{ k: 'i' }, { k: 'a' }]);
    expect(dup.status).toBe(409);
    expect(dup.error?.code).toBe('23505');
    expect(await rows(`SELECT k FROM kv WHERE k = 'i'`)).toEqual([]);
    const bad = await db.from('kv').insert({ k: 'j', nope: 1 });
    expect(bad.status).toBe(400);
    expect(bad.error?.code).toBe('PGRST204');
  });

  it('bad JSON body is 400 PGRST102', async () => {
    const res = await fetch(`${base}/kv`, { method: 'POST', headers: { apikey: t.serviceKey, 'Content-Type': 'application/json' }, body: '{"k":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('PGRST102');
  });

  it('a request needing more bind parameters than Postgres allows is a 400, not a 500', async () => {
    // 66,000 rows of one column: more than Postgres' 65,535 bind parameters, still under the 1 MB body limit.
    const many = Array.from({ length: 66_000 }, (_, i) => ({ k: `z${i}` }));
    const res = await fetch(`${base}/kv`, { method: 'POST', headers: { apikey: t.serviceKey, 'Content-Type': 'application/json', Prefer: 'missing=default' }, body: JSON.stringify(many) });
    expect(res.status).toBe(400);
    expect(await rows(`SELECT count(*)::int AS n FROM kv WHERE k LIKE 'z%'`)).toEqual([{ n: 0 }]);
  });

  it('inserts with an embedded resource in the representation', async () => {
    const { data } = await db.from('books').insert({ title: 'Matter', author_id: 3 }).select('title, author:authors!author_id(name)').single();
    expect(data).toEqual({ title: 'Matter', author: { name: 'Iain' } });
  });
});

describe('upsert', () => {
  it('merges duplicates on the primary key', async () => {
    const { data } = await db.from('kv').upsert([{ k: 'a', v: 100 }, { k: 'z', v: 26 }]).select('k, v').order('k');
    expect(data).toEqual([{ k: 'a', v: 100 }, { k: 'z', v: 26 }]);
  });

  it('ignores duplicates and honours onConflict', async () => {
    const { data } = await db.from('kv').upsert([{ k: 'a', v: 1 }, { k: 'y', v: 25 }], { ignoreDuplicates: true }).select('k, v');
    expect(data).toEqual([{ k: 'y', v: 25 }]);
    expect(await rows(`SELECT v FROM kv WHERE k = 'a'`)).toEqual([{ v: 100 }]);
    const byName = await db.from('genres').upsert({ name: 'satire' }, { onConflict: 'name', ignoreDuplicates: true }).select();
    expect(byName.data).toEqual([]);
    const merged = await db.from('authors').upsert({ name: 'Ursula K.', email: 'ursula@example.com' }, { onConflict: 'email' }).select('id, name');
    expect(merged.data).toEqual([{ id: 1, name: 'Ursula K.' }]);
  });
});

describe('update and delete', () => {
  it('update with and without .select()', async () => {
    const plain = await db.from('kv').update({ note: 'upd' }).eq('k', 'b');
    expect(plain.status).toBe(200);
    expect(plain.data).toEqual([{ k: 'b', v: 2, note: 'upd' }]);
    const sel = await db.from('kv').update({ v: 3 }).in('k', ['b', 'c']).select('k').order('k');
    expect(sel.data).toEqual([{ k: 'b' }, { k: 'c' }]);
    const minimal = await fetch(`${base}/kv?k=eq.b`, { method: 'PATCH', headers: { apikey: t.serviceKey, 'Content-Type': 'application/json', Prefer: 'return=minimal' }, body: '{"v":9}' });
    expect(minimal.status).toBe(204);
    expect(await rows(`SELECT v FROM kv WHERE k = 'b'`)).toEqual([{ v: 9 }]);
  });

  it('delete with and without .select(); Prefer count', async () => {
    const sel = await db.from('kv').delete().eq('k', 'y').select('k');
    expect(sel.data).toEqual([{ k: 'y' }]);
    const plain = await db.from('kv').delete({ count: 'exact' }).eq('k', 'z');
    expect(plain.count).toBe(1);
    expect(plain.data).toEqual([{ k: 'z', v: 26, note: 'dflt' }]);
    const minimal = await fetch(`${base}/kv?k=eq.h`, { method: 'DELETE', headers: { apikey: t.serviceKey, 'Content-Type': 'application/json', Prefer: 'return=minimal' } });
    expect(minimal.status).toBe(204);
    expect(await rows(`SELECT k FROM kv WHERE k IN ('y', 'z', 'h')`)).toEqual([]);
  });

  it('plain fetch without Prefer gets the changed rows', async () => {
    const res = await fetch(`${base}/kv?k=eq.d`, { method: 'PATCH', headers: { apikey: t.serviceKey, 'Content-Type': 'application/json' }, body: '{"v":44}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ k: 'd', v: 44, note: null }]);
  });

  it('PATCH and DELETE without any filter are refused with 400 FILTER_REQUIRED', async () => {
    const before = await rows('SELECT count(*)::int AS n FROM kv');
    const upd = await db.from('kv').update({ v: 0 });
    expect(upd.status).toBe(400);
    expect(upd.error?.code).toBe('FILTER_REQUIRED');
    const del = await db.from('kv').delete();
    expect(del.status).toBe(400);
    expect(await rows('SELECT count(*)::int AS n FROM kv')).toEqual(before);
    expect(await rows('SELECT count(*)::int AS n FROM kv WHERE v = 0')).toEqual([{ n: 0 }]);
  });

  it('a singular update matching several rows is 406 and rolled back', async () => {
    const res = await db.from('kv').update({ note: 'multi' }).in('k', ['a', 'b']).select().single();
    expect(res.status).toBe(406);
    expect(await rows(`SELECT count(*)::int AS n FROM kv WHERE note = 'multi'`)).toEqual([{ n: 0 }]);
  });
});

describe('rpc', () => {
  it('scalar with named args, POST and GET', async () => {
    expect((await db.rpc('add', { a: 2, b: 3 })).data).toBe(5);
    expect((await db.rpc('add', { a: 4, b: 5 }, { get: true })).data).toBe(9);
    expect((await db.rpc('sum_arr', { xs: [1, 2, 3] })).data).toBe(6);
    expect((await db.rpc('sum_arr', { xs: [4, 5] }, { get: true })).data).toBe(9);
  });

  it('set-returning functions with select, filters, order and limit', async () => {
    const { data } = await db.rpc('books_by', { author: 2 }).select('title').gt('pages', 300);
    expect(data).toEqual([{ title: 'Guards! Guards!' }]);
    const stats = await db.rpc('author_stats').select('author, n').order('author', { ascending: false }).limit(2);
    expect(stats.data).toEqual([{ author: 'Ursula K.', n: 2 }, { author: 'Terry', n: 2 }]);
    const series = await db.rpc('series', { n: 5 }).gte('series', 4);
    expect(series.data).toEqual([{ series: 4 }, { series: 5 }]);
    const counted = await db.rpc('books_by', { author: 1 }, { count: 'exact', head: true });
    expect(counted.count).toBe(2);
  });

  it('single composite result is an object; void is 204; volatile over GET is refused', async () => {
    expect((await db.rpc('first_book').select('id')).data).toEqual({ id: 1 });
    const v = await db.rpc('bump', { delta: 1 });
    expect(v.status).toBe(204);
    const get = await db.rpc('bump', { delta: 1 }, { get: true });
    expect(get.status).toBe(405);
    const missing = await db.rpc('nope', {});
    expect(missing.status).toBe(404);
    expect(missing.error?.code).toBe('PGRST202');
    const wrongArgs = await db.rpc('add', { a: 1, c: 2 });
    expect(wrongArgs.status).toBe(404);
  });
});
