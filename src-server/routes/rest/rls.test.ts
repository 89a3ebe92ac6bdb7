import { PostgrestClient } from '@supabase/postgrest-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt, unsignedJwt } from '../../../test/helpers/jwt.js';

let t: TestApp;
let base: string;
let anon: PostgrestClient;
let userA: PostgrestClient;
let userB: PostgrestClient;
let service: PostgrestClient;

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(`
    CREATE TABLE notes (id serial PRIMARY KEY, owner text NOT NULL DEFAULT (auth.jwt() ->> 'sub'), body text, public boolean NOT NULL DEFAULT false);
    ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
    CREATE POLICY read_visible ON notes FOR SELECT USING (public OR owner = (auth.jwt() ->> 'sub'));
    CREATE POLICY insert_own ON notes FOR INSERT TO authenticated WITH CHECK (owner = (auth.jwt() ->> 'sub'));
    CREATE POLICY update_own ON notes FOR UPDATE TO authenticated USING (owner = (auth.jwt() ->> 'sub')) WITH CHECK (owner = (auth.jwt() ->> 'sub'));
    CREATE POLICY delete_own ON notes FOR DELETE TO authenticated USING (owner = (auth.jwt() ->> 'sub'));
    INSERT INTO notes (owner, body, public) VALUES ('user-a', 'a private', false), ('user-a', 'a public', true), ('user-b', 'b private', false);
    CREATE FUNCTION settings() RETURNS json LANGUAGE sql STABLE AS $$
      SELECT json_build_object('timeout', current_setting('statement_timeout'), 'read_only', current_setting('transaction_read_only'), 'role', current_user) $$;
    CREATE FUNCTION whoami() RETURNS json LANGUAGE sql STABLE AS $$ SELECT json_build_object('role', current_user, 'uid', (auth.jwt() ->> 'sub'), 'claim_role', auth.jwt()->>'role') $$;
  `);
  base = `${await t.listen()}/v1/db`;
  const client = (key: string, jwt?: string) => new PostgrestClient(base, { headers: { apikey: key, ...(jwt ? { Authorization: `Bearer ${jwt}` } : {}) } });
  anon = client(t.anonKey);
  userA = client(t.anonKey, mintJwt(t.ctx.jwtSecret, { sub: 'user-a' }));
  userB = client(t.anonKey, mintJwt(t.ctx.jwtSecret, { sub: 'user-b' }));
  service = client(t.serviceKey);
});
afterAll(async () => t?.close());

const bodies = (data: unknown) => (data as Array<{ body: string }>).map((n) => n.body).sort();
const all = async () => (await t.sql.query('SELECT owner, body FROM notes ORDER BY id')).rows;

describe('row level security through postgrest-js', () => {
  it('runs as the right role with the JWT claims', async () => {
    expect((await anon.rpc('whoami')).data).toEqual({ role: 'anon', uid: null, claim_role: 'anon' });
    expect((await userA.rpc('whoami')).data).toEqual({ role: 'authenticated', uid: 'user-a', claim_role: 'authenticated' });
    expect((await service.rpc('whoami')).data).toMatchObject({ uid: null, claim_role: 'service_role' });
    expect((await service.rpc('whoami')).data.role).not.toMatch(/^(anon|authenticated)$/);
  });

  it('every request has a statement timeout, GETs are read-only, and nothing leaks between requests', async () => {
    expect((await anon.rpc('settings', {}, { get: true })).data).toEqual({ timeout: '8s', read_only: 'on', role: 'anon' });
    expect((await userA.rpc('settings')).data).toEqual({ timeout: '8s', read_only: 'off', role: 'authenticated' });
    for (let i = 0; i < 8; i++) {
      const [a, s, u] = await Promise.all([anon.rpc('whoami'), service.rpc('whoami'), userB.rpc('whoami')]);
      expect([a.data.role, u.data.role, u.data.uid, a.data.uid]).toEqual(['anon', 'authenticated', 'user-b', null]);
      expect(s.data.role).toBe('service_role');
    }
  });

  it('select: each caller sees what the policies allow', async () => {
    expect(bodies((await anon.from('notes').select('body')).data)).toEqual(['a public']);
    expect(bodies((await userA.from('notes').select('body')).data)).toEqual(['a private', 'a public']);
    expect(bodies((await userB.from('notes').select('body')).data)).toEqual(['a public', 'b private']);
    expect(bodies((await service.from('notes').select('body')).data)).toEqual(['a private', 'a public', 'b private']);
  });

  it('insert: anon 401, a user only as themself (403 otherwise), service anything', async () => {
    const a = await anon.from('notes').insert({ owner: 'anon', body: 'x' });
    expect(a.status).toBe(401);
    expect(a.error?.code).toBe('42501');
    const own = await userA.from('notes').insert({ body: 'a new' }).select('owner, body').single();
    expect(own.data).toEqual({ owner: 'user-a', body: 'a new' });
    const forged = await userA.from('notes').insert({ owner: 'user-b', body: 'forged' });
    expect(forged.status).toBe(403);
    const svc = await service.from('notes').insert({ owner: 'user-c', body: 'c by service' }).select('body');
    expect(svc.data).toEqual([{ body: 'c by service' }]);
    expect((await all()).map((r) => r.body)).toEqual(['a private', 'a public', 'b private', 'a new', 'c by service']);
  });

  it('update: only rows the caller owns change', async () => {
    expect((await anon.from('notes').update({ body: 'hacked' }).eq('body', 'a public').select()).data).toEqual([]);
    expect((await userB.from('notes').update({ body: 'hacked' }).eq('body', 'a private').select()).data).toEqual([]);
    const ok = await userB.from('notes').update({ body: 'b edited' }).eq('body', 'b private').select('body');
    expect(ok.data).toEqual([{ body: 'b edited' }]);
    const steal = await userB.from('notes').update({ owner: 'user-a' }).eq('body', 'b edited');
    expect(steal.status).toBe(403);
    expect((await service.from('notes').update({ body: 'a public!' }).eq('body', 'a public').select('body')).data).toEqual([{ body: 'a public!' }]);
    expect((await all()).map((r) => r.body)).toEqual(['a private', 'a public!', 'b edited', 'a new', 'c by service']);
  });

  it('delete: only rows the caller owns go', async () => {
    expect((await anon.from('notes').delete().eq('owner', 'user-a').select()).data).toEqual([]);
    expect((await userA.from('notes').delete().eq('owner', 'user-b').select()).data).toEqual([]);
    expect((await userA.from('notes').delete().eq('body', 'a new').select('body')).data).toEqual([{ body: 'a new' }]);
    expect((await service.from('notes').delete().eq('owner', 'user-c').select('body')).data).toEqual([{ body: 'c by service' }]);
    expect((await all()).map((r) => r.body)).toEqual(['a private', 'a public!', 'b edited']);
  });
});

describe('JWT verification', () => {
  const call = (jwt: string) => fetch(`${base}/notes?select=body`, { headers: { apikey: t.anonKey, Authorization: `Bearer ${jwt}` } });
  it('refuses expired, forged, unsigned, malformed and foreign-role tokens with 401', async () => {
    const cases: Array<[string, string]> = [
      [mintJwt(t.ctx.jwtSecret, { sub: 'user-a' }, { expiresIn: -3600 }), 'PGRST303'],
      [mintJwt('not-the-secret', { sub: 'user-a' }), 'PGRST301'],
      [unsignedJwt({ sub: 'user-a', role: 'service_role' }), 'PGRST301'],
      ['abc.def', 'PGRST301'],
      ['a.b.c', 'PGRST301'],
      [mintJwt(t.ctx.jwtSecret, { sub: 'user-a', role: 'postgres' }), 'PGRST303'],
    ];
    for (const [jwt, code] of cases) {
      const res = await call(jwt);
      expect(res.status, jwt).toBe(401);
      expect(((await res.json()) as { code: string }).code, jwt).toBe(code);
    }
    expect((await fetch(`${base}/notes`, { headers: { apikey: t.anonKey, Authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('a token whose role claim is service_role bypasses RLS; the anon key as bearer is anonymous', async () => {
    const res = await call(mintJwt(t.ctx.jwtSecret, { role: 'service_role' }));
    expect(((await res.json()) as unknown[]).length).toBe(3);
    const anonBearer = await call(t.anonKey);
    expect(await anonBearer.json()).toEqual([{ body: 'a public!' }]);
  });
});
