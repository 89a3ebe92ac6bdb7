// PostgREST 14 write and rpc parity through the real @supabase/postgrest-js: tx=rollback, upserts, max-affected,
// function arguments of row type, single unnamed parameters, overloads and counts.
import { PostgrestClient } from '@supabase/postgrest-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DEFAULT_SETTINGS } from '../../rest/settings.js';
import { SHOP_SQL } from './parity-fixture.js';

let t: TestApp;
let db: PostgrestClient;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ dataApi: { ...DEFAULT_SETTINGS, txEnd: 'commit-allow-override' } });
  await t.sql.query(SHOP_SQL);
  base = `${await t.listen()}/v1/db`;
  db = new PostgrestClient(base, { headers: { apikey: t.serviceKey } });
});
afterAll(async () => t?.close());

/** postgrest-js types maxAffected() only for clients typed as PostgREST 13+; an untyped client calls it through this. */
const maxAffected = <Q>(query: Q, n: number): Q => (query as unknown as { maxAffected(n: number): Q }).maxAffected(n);
const rows = async (sql: string) => (await t.sql.query(sql)).rows;
const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${base}/${path}`, {
  method, headers: { apikey: t.serviceKey, 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
});

describe('Prefer: tx', () => {
  it('tx=rollback answers as if committed and changes nothing (db-tx-end = commit-allow-override)', async () => {
    const res = await send('POST', 'stock', { sku: 'rb', qty: 5 }, { Prefer: 'tx=rollback, return=representation' });
    expect(res.status).toBe(201);
    expect(res.headers.get('preference-applied')).toContain('tx=rollback');
    expect(await res.json()).toEqual([{ sku: 'rb', qty: 5, note: null }]);
    expect(await rows(`SELECT * FROM stock WHERE sku = 'rb'`)).toEqual([]);
    const rpc = await fetch(`${base}/rpc/play_all`, { method: 'POST', headers: { apikey: t.serviceKey, 'Content-Type': 'application/json', Prefer: 'tx=rollback' }, body: '{"times":100}' });
    expect(rpc.status).toBe(200);
    expect(await rows('SELECT max(plays)::int AS m FROM tracks')).toEqual([{ m: 9 }]);
  });

  it('is ignored where the setting does not allow it (the default: commit)', async () => {
    const strict = await createTestApp({}, { database: t.database });
    try {
      const res = await fetch(`${await strict.listen()}/v1/db/stock`, {
        method: 'POST', headers: { apikey: strict.serviceKey, 'Content-Type': 'application/json', Prefer: 'tx=rollback' }, body: '{"sku":"kept"}',
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('preference-applied')).toBeNull();
      expect(await rows(`SELECT qty FROM stock WHERE sku = 'kept'`)).toEqual([{ qty: 0 }]);
    } finally {
      await strict.close();
    }
  });
});

describe('upserts', () => {
  it('a merge whose payload holds only the conflict columns returns the row; an update-only upsert is 200', async () => {
    const keysOnly = await db.from('stock').upsert({ sku: 'a' }).select();
    expect(keysOnly.status).toBe(200);
    expect(keysOnly.data).toEqual([{ sku: 'a', qty: 1, note: 'one' }]);
    const updated = await db.from('stock').upsert({ sku: 'b', qty: 20 }).select();
    expect(updated.status).toBe(200);
    expect(updated.data).toEqual([{ sku: 'b', qty: 20, note: null }]);
    const mixed = await db.from('stock').upsert([{ sku: 'b', qty: 21 }, { sku: 'c', qty: 3 }]).select('sku, qty');
    expect(mixed.status).toBe(201);
    expect(mixed.data).toEqual([{ sku: 'b', qty: 21 }, { sku: 'c', qty: 3 }]);
    const minimal = await send('POST', 'stock', { sku: 'b', qty: 22 }, { Prefer: 'resolution=merge-duplicates, return=minimal' });
    expect(minimal.status).toBe(200);
    expect(await rows(`SELECT qty FROM stock WHERE sku = 'b'`)).toEqual([{ qty: 22 }]);
  });
});

describe('Prefer: handling=strict, max-affected', () => {
  it('more rows than allowed is 400 PGRST124 and changes nothing; within the limit it applies', async () => {
    const over = await maxAffected(db.from('tracks').update({ plays: 0 }).eq('album_id', 10), 2);
    expect(over.status).toBe(400);
    expect(over.error).toMatchObject({ code: 'PGRST124', message: 'Query result exceeds max-affected preference constraint', details: 'The query affects 3 rows' });
    expect(await rows('SELECT count(*)::int AS n FROM tracks WHERE plays = 0')).toEqual([{ n: 1 }]);
    const ok = await maxAffected(db.from('tracks').delete().eq('id', 102), 1).select('id');
    expect(ok.data).toEqual([{ id: 102 }]);
    const rpcOver = await maxAffected(db.rpc('play_all', { times: 1 }), 2);
    expect(rpcOver.error?.code).toBe('PGRST124');
    const scalar = await send('POST', 'rpc/track_total', {}, { Prefer: 'handling=strict, max-affected=1' });
    expect(await scalar.json()).toMatchObject({ code: 'PGRST128' });
  });

  it('an unknown preference with handling=strict is 400 PGRST122; lenient ignores it', async () => {
    const strict = await send('PATCH', 'stock?sku=eq.a', { note: 'x' }, { Prefer: 'handling=strict, frobnicate=yes' });
    expect(strict.status).toBe(400);
    expect(await strict.json()).toMatchObject({ code: 'PGRST122', message: 'Invalid preferences given with handling=strict', details: 'Invalid preferences: frobnicate=yes' });
    expect(await rows(`SELECT note FROM stock WHERE sku = 'a'`)).toEqual([{ note: 'one' }]);
    const lenient = await send('PATCH', 'stock?sku=eq.a', { note: 'x' }, { Prefer: 'frobnicate=yes' });
    expect(lenient.status).toBe(200);
  });
});

describe('rpc arguments and overloads', () => {
  it('a row-type argument is read from its JSON object', async () => {
    const { data, error } = await db.rpc('newest', { who: { id: 1, name: 'Kate', country: 'UK' } }).select('title');
    expect(error).toBeNull();
    expect(data).toEqual({ title: 'Aerial' });
  });

  it('a single unnamed text or jsonb parameter is called with the value', async () => {
    expect((await db.rpc('shout', { '': 'hey' })).data).toBe('HEY');
    const plain = await fetch(`${base}/rpc/shout`, { method: 'POST', headers: { apikey: t.serviceKey, 'Content-Type': 'text/plain' }, body: 'plain body' });
    expect(await plain.json()).toBe('PLAIN BODY');
    expect((await db.rpc('keys_of', { b: 1, a: 2 })).data).toEqual(['a', 'b']);
  });

  it('overloads that all fit the call are 300 PGRST203', async () => {
    const res = await db.rpc('pick');
    expect(res.status).toBe(300);
    expect(res.error).toMatchObject({
      code: 'PGRST203', message: 'Could not choose the best candidate function between: public.pick(), public.pick( => text)',
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    });
    expect((await db.rpc('pick', { '': 'y' })).data).toBe('y');
  });

  it('an unknown function or arguments is 404 PGRST202 with PostgREST\u2019s details', async () => {
    const res = await db.rpc('albums_of', { artiste: 1 });
    expect(res.status).toBe(404);
    expect(res.error).toMatchObject({
      code: 'PGRST202', message: 'Could not find the function public.albums_of(artiste) in the schema cache',
      details: 'Searched for the function public.albums_of with parameter artiste or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.albums_of(artist)',
    });
    const get = await db.rpc('album_of', { artist: 1 }, { get: true });
    expect([get.status, get.error?.code, get.error?.message]).toEqual([404, 'PGRST202', 'Could not find the function public.album_of(artist) in the schema cache']);
    expect(get.error?.hint).toBe('Perhaps you meant to call the function public.albums_of');
  });

  it('ambiguous overloads are listed by parameter name and type, types as SQL spells them', async () => {
    const res = await db.rpc('rate', { score: 5 });
    expect([res.status, res.error?.code]).toEqual([300, 'PGRST203']);
    expect(res.error?.message).toBe('Could not choose the best candidate function between: public.rate(score => integer), public.rate(score => text)');
  });

  it('hints name only a close function, and an argument list only when one is near the call', async () => {
    // level_int's unnamed int parameter cannot be called over HTTP, so only its neighbour is offered
    const hidden = await db.rpc('level_int', { '': 1 });
    expect([hidden.status, hidden.error?.hint]).toEqual([404, 'Perhaps you meant to call the function public.level_txt']);
    expect((await db.rpc('nothing_like_any_function')).error?.hint).toBeNull();
    const noArgs = await db.rpc('albums_of');
    expect([noArgs.error?.code, noArgs.error?.hint]).toEqual(['PGRST202', null]);
  });

  it('count=exact on a scalar function is 1 (Content-Range 0-0/1), also with head', async () => {
    const res = await db.rpc('track_total', {}, { count: 'exact' });
    expect(res.count).toBe(1);
    expect(typeof res.data).toBe('number');
    const head = await db.rpc('track_total', {}, { count: 'exact', head: true });
    expect([head.count, head.data, head.status]).toEqual([1, null, 200]);
  });

  it('a GET rpc right after CREATE FUNCTION reads its arguments as arguments, not filters', async () => {
    await t.sql.query(`CREATE FUNCTION twice(n int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT n * 2'`);
    const res = await db.rpc('twice', { n: 21 }, { get: true });
    expect(res.error).toBeNull();
    expect(res.data).toBe(42);
  });
});
