// /rest/v1 through the real @supabase/supabase-js pointed at a listening Trestle: PostgREST's defaults (no row
// limit, return=minimal, its statuses and error body), RLS, and what public Supabase example apps rely on.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';
import { DEFAULT_SETTINGS } from '../../rest/settings.js';

let t: TestApp;
let url: string;
let service: SupabaseClient;
let anon: SupabaseClient;
let userA: SupabaseClient;
let userB: SupabaseClient;

const client = (origin: string, key: string, jwt?: string) => createClient(origin, key, {
  realtime: { transport: WebSocket as never },
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  global: jwt ? { headers: { Authorization: `Bearer ${jwt}` } } : {},
});

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(`
    CREATE TABLE writers (id text PRIMARY KEY, name text NOT NULL);
    CREATE TABLE posts (id int PRIMARY KEY, user_id text NOT NULL REFERENCES writers(id), title text NOT NULL, published boolean NOT NULL DEFAULT false, n int);
    CREATE TABLE numbers (n int PRIMARY KEY);
    INSERT INTO numbers SELECT generate_series(1, 1500);
    INSERT INTO writers VALUES ('user-a', 'Ada'), ('user-b', 'Bo');
    INSERT INTO posts VALUES (1, 'user-a', 'Hello', true, 3), (2, 'user-a', 'Draft', false, 1), (3, 'user-b', 'Mine', true, 2);
    ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
    CREATE FUNCTION sub() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_setting('request.jwt.claims', true)::json->>'sub' $$;
    CREATE POLICY read ON posts FOR SELECT USING (published OR user_id = sub());
    CREATE POLICY ins ON posts FOR INSERT TO authenticated WITH CHECK (user_id = sub());
    CREATE POLICY upd ON posts FOR UPDATE TO authenticated USING (user_id = sub()) WITH CHECK (user_id = sub());
    CREATE FUNCTION titles(who text) RETURNS SETOF posts LANGUAGE sql STABLE AS $$ SELECT * FROM posts WHERE user_id = who ORDER BY id $$;
  `);
  url = await t.listen();
  service = client(url, t.serviceKey);
  anon = client(url, t.anonKey);
  userA = client(url, t.anonKey, mintJwt(t.ctx.jwtSecret, { sub: 'user-a' }));
  userB = client(url, t.anonKey, mintJwt(t.ctx.jwtSecret, { sub: 'user-b' }));
});
afterAll(async () => t?.close());

const posts = async () => (await t.sql.query('SELECT id, user_id, title FROM posts ORDER BY id')).rows;

describe('PostgREST defaults on /rest/v1', () => {
  it('select() has no default row limit (/v1/db keeps its 1000)', async () => {
    const { data, error } = await service.from('numbers').select();
    expect(error).toBeNull();
    expect(data).toHaveLength(1500);
    const truss = await fetch(`${url}/v1/db/numbers?select=n`, { headers: { apikey: t.serviceKey } });
    expect(((await truss.json()) as unknown[]).length).toBe(1000);
  });

  it('a row limit can be set (db-max-rows)', async () => {
    const capped = await createTestApp({ dataApi: { ...DEFAULT_SETTINGS, maxRows: 2 } }, { database: t.database });
    try {
      const { data } = await client(await capped.listen(), capped.serviceKey).from('numbers').select().order('n');
      expect(data).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await capped.close();
    }
  });

  it('insert, update and delete without .select() are return=minimal: 201 and 204 with no body', async () => {
    const ins = await service.from('posts').insert({ id: 10, user_id: 'user-b', title: 'New' });
    expect([ins.status, ins.data, ins.error]).toEqual([201, null, null]);
    const upd = await service.from('posts').update({ title: 'Newer' }).eq('id', 10);
    expect([upd.status, upd.data]).toEqual([204, null]);
    const withSelect = await service.from('posts').update({ n: 7 }).eq('id', 10).select('title, n');
    expect([withSelect.status, withSelect.data]).toEqual([200, [{ title: 'Newer', n: 7 }]]);
    const del = await service.from('posts').delete().eq('id', 10);
    expect([del.status, del.data]).toEqual([204, null]);
    expect((await posts()).map((p) => p.id)).toEqual([1, 2, 3]);
  });

  it('errors carry exactly PostgREST\u2019s keys', async () => {
    const { error, status } = await service.from('nope').select();
    expect(status).toBe(404);
    expect(Object.keys(error!).sort()).toEqual(['code', 'details', 'hint', 'message']);
    expect(error).toMatchObject({ code: 'PGRST205', message: "Could not find the table 'public.nope' in the schema cache" });
    const unfiltered = await service.from('posts').delete();
    expect(unfiltered.status).toBe(400);
    expect(unfiltered.error).toMatchObject({ code: '21000', message: 'DELETE requires a WHERE clause' });
    expect(await posts()).toHaveLength(3);
    const nowhere = await fetch(`${url}/rest/v1/a/b`, { headers: { apikey: t.anonKey } });
    expect([nowhere.status, nowhere.headers.get('content-type')]).toEqual([404, 'application/json; charset=utf-8']);
  });

  it('rpc with select and filters', async () => {
    const { data } = await anon.rpc('titles', { who: 'user-a' }).select('title');
    expect(data).toEqual([{ title: 'Hello' }]);
  });
});

describe('what Supabase example apps rely on', () => {
  it('embedding through a column name (author:user_id(*)) and the old .order(col, true)', async () => {
    const { data, error } = await anon.from('posts').select('title, author:user_id(*)').order('n', true as never);
    expect(error).toBeNull();
    expect(data).toEqual([
      { title: 'Mine', author: { id: 'user-b', name: 'Bo' } },
      { title: 'Hello', author: { id: 'user-a', name: 'Ada' } },
    ]);
  });

  it('.single() on an update that matches no row is 406 and changes nothing', async () => {
    const res = await userA.from('posts').update({ title: 'x' }).eq('id', 999).select().single();
    expect(res.status).toBe(406);
    expect(res.error?.code).toBe('PGRST116');
    const noSelect = await userA.from('posts').update({ title: 'x' }).eq('id', 3).single();
    expect(noSelect.status).toBe(406);
    expect((await posts())[2].title).toBe('Mine');
  });

  it('an upsert blocked by RLS is an error (42501), not a silent success', async () => {
    const stolen = await userB.from('posts').upsert({ id: 1, user_id: 'user-b', title: 'Stolen' });
    expect(stolen.error?.code).toBe('42501');
    expect(stolen.status).toBe(403);
    const keysOnly = await userB.from('posts').upsert({ id: 1, user_id: 'user-a', title: 'Hello' }, { ignoreDuplicates: false });
    expect(keysOnly.error?.code).toBe('42501');
    const anonymous = await anon.from('posts').upsert({ id: 5, user_id: 'user-a', title: 'Anon' });
    expect([anonymous.status, anonymous.error?.code]).toEqual([401, '42501']);
    expect((await posts()).map((p) => p.title)).toEqual(['Hello', 'Draft', 'Mine']);
    const own = await userA.from('posts').upsert({ id: 2, user_id: 'user-a', title: 'Draft 2' }).select('title').single();
    expect([own.status, own.data]).toEqual([200, { title: 'Draft 2' }]);
  });

  it('each caller reads what the policies allow', async () => {
    const titles = async (c: SupabaseClient) => ((await c.from('posts').select('title').order('id')).data ?? []).map((p) => p.title);
    expect(await titles(anon)).toEqual(['Hello', 'Mine']);
    expect(await titles(userA)).toEqual(['Hello', 'Draft 2', 'Mine']);
    expect(await titles(service)).toEqual(['Hello', 'Draft 2', 'Mine']);
  });
});
