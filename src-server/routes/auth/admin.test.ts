// Admin API through supabase-js (service key works, anon key refused), Link pagination, what apps' SQL relies on
// (triggers on auth.users, seeds with crypt(), RLS with auth.uid(), the custom access token hook), ES256 tokens.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { authClient as supabaseClient, latestMessage } from '../../../test/helpers/supabase.js';

let t: TestApp;
let base: string;
let admin: SupabaseClient;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
  admin = supabaseClient(base, t.serviceKey);
});
afterAll(async () => t?.close());

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

describe('admin API', () => {
  it('creates, reads, updates, bans and deletes users with the service key', async () => {
    const { data, error } = await admin.auth.admin.createUser({ email: 'made@example.com', password: 'made by admin', email_confirm: true, user_metadata: { a: 1 }, app_metadata: { plan: 'pro' } });
    expect(error).toBeNull();
    const id = data.user!.id;
    expect(data.user).toMatchObject({ email: 'made@example.com', user_metadata: { a: 1 }, app_metadata: { plan: 'pro', provider: 'email', providers: ['email'] } });
    expect(data.user?.email_confirmed_at).toBeTruthy();
    expect((await admin.auth.admin.createUser({ email: 'made@example.com', password: 'x12345678' })).error).toMatchObject({ status: 422, code: 'email_exists' });
    expect((await admin.auth.admin.getUserById(id)).data.user?.email).toBe('made@example.com');
    const updated = await admin.auth.admin.updateUserById(id, { user_metadata: { b: 2 }, app_metadata: { role: 'editor' } });
    expect(updated.data.user).toMatchObject({ user_metadata: { a: 1, b: 2 }, app_metadata: { plan: 'pro', role: 'editor' } });
    const user = supabaseClient(base, t.anonKey);
    expect((await user.auth.signInWithPassword({ email: 'made@example.com', password: 'made by admin' })).error).toBeNull();
    await admin.auth.admin.updateUserById(id, { ban_duration: '24h' });
    expect((await supabaseClient(base, t.anonKey).auth.signInWithPassword({ email: 'made@example.com', password: 'made by admin' })).error).toMatchObject({ code: 'user_banned' });
    await admin.auth.admin.updateUserById(id, { ban_duration: 'none' });
    expect((await admin.auth.admin.deleteUser(id)).error).toBeNull();
    expect((await admin.auth.admin.getUserById(id)).error).toMatchObject({ status: 404, code: 'user_not_found' });
    expect((await admin.auth.admin.createUser({ email: 'unconfirmed@example.com', password: 'not yet confirmed' })).error).toBeNull();
    expect((await supabaseClient(base, t.anonKey).auth.signInWithPassword({ email: 'unconfirmed@example.com', password: 'not yet confirmed' })).error).toMatchObject({ code: 'email_not_confirmed' });
  });

  it('soft delete keeps the row for foreign keys but the account is gone', async () => {
    const { data } = await admin.auth.admin.createUser({ email: 'soft@example.com', password: 'soft delete me', email_confirm: true });
    expect((await admin.auth.admin.deleteUser(data.user!.id, true)).error).toBeNull();
    const row = (await t.sql.query('SELECT email, deleted_at FROM auth.users WHERE id = $1', [data.user!.id])).rows[0];
    expect(row.deleted_at).not.toBeNull();
    expect(row.email).not.toBe('soft@example.com');
    expect((await supabaseClient(base, t.anonKey).auth.signInWithPassword({ email: 'soft@example.com', password: 'soft delete me' })).error?.code).toBe('invalid_credentials');
  });

  it('refuses the anon key and a user token with not_admin', async () => {
    const anon = supabaseClient(base, t.anonKey);
    expect((await anon.auth.admin.listUsers()).error).toMatchObject({ status: 403, code: 'not_admin' });
    expect((await anon.auth.admin.createUser({ email: 'x@example.com', password: 'x12345678' })).error).toMatchObject({ status: 403, code: 'not_admin' });
    const { data } = await anon.auth.signUp({ email: 'plain@example.com', password: 'plain user' });
    const res = await fetch(`${base}/auth/v1/admin/users`, { headers: { apikey: t.anonKey, authorization: `Bearer ${data.session!.access_token}` } });
    expect(res.status).toBe(403);
    const noKey = await fetch(`${base}/auth/v1/signup`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(noKey.status).toBe(401);
  });

  it('paginates 120 users with X-Total-Count and a Link header auth-js parses', async () => {
    await t.sql.query(`INSERT INTO auth.users (id, email, aud, role, created_at, raw_app_meta_data)
      SELECT gen_random_uuid(), 'bulk' || g || '@example.com', 'authenticated', 'authenticated', now() - g * interval '1 second', '{"provider":"email","providers":["email"]}'
        FROM generate_series(1, 120) g`);
    const total = Number((await t.sql.query('SELECT count(*) FROM auth.users')).rows[0].count);
    const page1 = await admin.auth.admin.listUsers({ page: 1, perPage: 50 });
    expect(page1.error).toBeNull();
    expect(page1.data.users).toHaveLength(50);
    expect(page1.data).toMatchObject({ total, nextPage: 2, lastPage: Math.ceil(total / 50) });
    const seen = new Set<string>();
    for (let page = 1; page <= Math.ceil(total / 50); page++) {
      const { data } = await admin.auth.admin.listUsers({ page, perPage: 50 });
      for (const u of data.users) seen.add(u.id);
    }
    expect(seen.size).toBe(total);
    const raw = await fetch(`${base}/auth/v1/admin/users?page=3&per_page=50`, { headers: { apikey: t.serviceKey, authorization: `Bearer ${t.serviceKey}` } });
    expect(raw.headers.get('x-total-count')).toBe(String(total));
    expect(raw.headers.get('link')).toBe(`</auth/v1/admin/users?page=${Math.ceil(total / 50)}&per_page=50>; rel="last"`);
  });

  it('generate_link returns the link and code without sending; invite puts an invitation in the inbox', async () => {
    const { data, error } = await admin.auth.admin.generateLink({ type: 'magiclink', email: 'linked@example.com' });
    expect(error).toBeNull();
    expect(data.properties).toMatchObject({ verification_type: 'magiclink', email_otp: expect.stringMatching(/^\d{6}$/), hashed_token: expect.any(String) });
    expect(data.properties!.action_link).toContain('/auth/v1/verify?token=');
    const verified = await supabaseClient(base, t.anonKey).auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'magiclink' });
    expect(verified.data.user?.email).toBe('linked@example.com');

    const invited = await admin.auth.admin.inviteUserByEmail('invitee@example.com', { data: { team: 'x' } });
    expect(invited.error).toBeNull();
    expect(invited.data.user?.invited_at).toBeTruthy();
    const mail = await latestMessage(t, 'invitee@example.com');
    expect(mail.kind).toBe('invite');
    const res = await fetch(mail.link!, { redirect: 'manual' });
    expect(new URLSearchParams(new URL(res.headers.get('location')!).hash.slice(1)).get('type')).toBe('invite');
  });

  it('the Truss identities API lists users with identities and session counts', async () => {
    const list = await t.service({ method: 'GET', url: '/v1/auth/identities?limit=5&search=made' });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body).toMatchObject({ limit: 5, offset: 0 });
    const plain = (await t.service({ method: 'GET', url: '/v1/auth/identities?search=plain@example.com' })).json().identities[0];
    expect(plain).toMatchObject({ email: 'plain@example.com', providers: ['email'], sessions_count: 1, identities: [{ provider: 'email' }] });
    expect((await t.service({ method: 'GET', url: `/v1/auth/identities/${plain.id}` })).json().id).toBe(plain.id);
    expect((await t.anon({ method: 'GET', url: '/v1/auth/identities' })).statusCode).toBe(403);
    const modules = (await t.service({ method: 'GET', url: '/v1/modules' })).json();
    expect(JSON.stringify(modules)).toMatch(/"id":"auth"[^}]*"status":"available"/);
  });
});

describe('what apps\' SQL relies on', () => {
  it('fires an after-insert trigger on auth.users on sign-up and accepts seeded crypt() passwords', async () => {
    await t.sql.query(`
      CREATE TABLE public.profiles (id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE, full_name text);
      CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
      BEGIN INSERT INTO public.profiles (id, full_name) VALUES (new.id, new.raw_user_meta_data ->> 'full_name'); RETURN new; END $$;
      CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
    `);
    const { data } = await supabaseClient(base, t.anonKey).auth.signUp({ email: 'trigger@example.com', password: 'trigger me', options: { data: { full_name: 'Tri Gger' } } });
    expect((await t.sql.query('SELECT full_name FROM public.profiles WHERE id = $1', [data.user!.id])).rows).toEqual([{ full_name: 'Tri Gger' }]);

    await t.sql.query(`INSERT INTO auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
      VALUES ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', 'seeded@example.com', crypt('seeded password', gen_salt('bf')), now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())`);
    const seeded = await supabaseClient(base, t.anonKey).auth.signInWithPassword({ email: 'seeded@example.com', password: 'seeded password' });
    expect(seeded.error).toBeNull();
    expect(seeded.data.user?.email).toBe('seeded@example.com');
  });

  it('runs sign-up as supabase_auth_admin: a trigger without SECURITY DEFINER fails as on Supabase, with the reason', async () => {
    await t.sql.query(`
      CREATE TABLE public.audit_trail (user_id uuid);
      CREATE FUNCTION public.log_user() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO public.audit_trail VALUES (new.id); RETURN new; END $$;
      REVOKE ALL ON public.audit_trail FROM PUBLIC;
      CREATE TRIGGER log_user AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.log_user();
    `);
    try {
      const { error } = await supabaseClient(base, t.anonKey).auth.signUp({ email: 'invoker@example.com', password: 'invoker trigger' });
      expect(error).toMatchObject({ status: 500, name: 'AuthRetryableFetchError' });
      expect(error?.message).toMatch(/permission denied for (table audit_trail|schema public)/);
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM auth.users WHERE email = 'invoker@example.com'`)).rows[0].n).toBe(0);
    } finally {
      await t.sql.query('DROP TRIGGER log_user ON auth.users');
    }
  });

  it('separates two users with an RLS policy using auth.uid(), through /rest-style calls of supabase-js', async () => {
    await t.sql.query(`
      CREATE TABLE public.todos (id serial PRIMARY KEY, user_id uuid NOT NULL DEFAULT auth.uid() REFERENCES auth.users (id), title text NOT NULL);
      ALTER TABLE public.todos ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON public.todos FOR ALL TO authenticated USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
    `);
    const db = (jwt: string) => fetchAs(jwt);
    const a = (await supabaseClient(base, t.anonKey).auth.signUp({ email: 'rls-a@example.com', password: 'password a' })).data.session!;
    const b = (await supabaseClient(base, t.anonKey).auth.signUp({ email: 'rls-b@example.com', password: 'password b' })).data.session!;
    expect((await db(a.access_token)('POST', 'todos', { title: 'a1' })).status).toBe(201);
    expect((await db(b.access_token)('POST', 'todos', { title: 'b1' })).status).toBe(201);
    const seenByA = await (await db(a.access_token)('GET', 'todos?select=title,user_id')).json();
    expect(seenByA).toEqual([{ title: 'a1', user_id: a.user.id }]);
    const seenByB = await (await db(b.access_token)('GET', 'todos?select=title')).json();
    expect(seenByB).toEqual([{ title: 'b1' }]);
    expect((await db(a.access_token)('POST', 'todos', { title: 'forged', user_id: b.user.id })).status).toBe(403);
  });

  it('calls the custom access token hook on every token issue and signs its claims', async () => {
    await t.sql.query(`
      CREATE TABLE public.user_roles (user_id uuid PRIMARY KEY, app_role text NOT NULL);
      CREATE FUNCTION public.custom_access_token_hook(event jsonb) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
      DECLARE claims jsonb := event -> 'claims'; r text;
      BEGIN
        SELECT app_role INTO r FROM public.user_roles WHERE user_id = (event ->> 'user_id')::uuid;
        claims := jsonb_set(claims, '{user_role}', coalesce(to_jsonb(r), 'null'));
        claims := jsonb_set(claims, '{auth_method}', to_jsonb(event ->> 'authentication_method'));
        RETURN jsonb_set(event, '{claims}', claims);
      END $$;
      GRANT USAGE ON SCHEMA public TO supabase_auth_admin;
      GRANT EXECUTE ON FUNCTION public.custom_access_token_hook TO supabase_auth_admin;
      REVOKE EXECUTE ON FUNCTION public.custom_access_token_hook FROM authenticated, anon, public;
      GRANT ALL ON TABLE public.user_roles TO supabase_auth_admin;
    `);
    await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { hook_custom_access_token: { enabled: true, uri: 'pg-functions://postgres/public/custom_access_token_hook' } } });
    try {
      const c = supabaseClient(base, t.anonKey);
      const { data } = await c.auth.signUp({ email: 'hooked@example.com', password: 'hooked user' });
      expect(decode(data.session!.access_token)).toMatchObject({ user_role: null, auth_method: 'password', sub: data.user!.id });
      await t.sql.query(`INSERT INTO public.user_roles VALUES ($1, 'admin')`, [data.user!.id]);
      const refreshed = await c.auth.refreshSession();
      expect(decode(refreshed.data.session!.access_token)).toMatchObject({ user_role: 'admin', auth_method: 'token_refresh' });

      await t.sql.query(`CREATE OR REPLACE FUNCTION public.custom_access_token_hook(event jsonb) RETURNS jsonb LANGUAGE sql AS $$
        SELECT jsonb_build_object('error', jsonb_build_object('http_code', 403, 'message', 'No entry for you')) $$`);
      const refused = await supabaseClient(base, t.anonKey).auth.signInWithPassword({ email: 'hooked@example.com', password: 'hooked user' });
      expect(refused.error).toMatchObject({ status: 403, message: 'No entry for you' });
    } finally {
      await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { hook_custom_access_token: { enabled: false, uri: '' } } });
    }
  });

  it('signs with ES256 (kid in the header) when the setting says so, and /v1/db accepts those tokens', async () => {
    await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { signing_key: 'es256' } });
    try {
      const { data } = await supabaseClient(base, t.anonKey).auth.signUp({ email: 'es256@example.com', password: 'elliptic!' });
      const header = JSON.parse(Buffer.from(data.session!.access_token.split('.')[0], 'base64url').toString());
      const jwks = await (await fetch(`${base}/auth/v1/.well-known/jwks.json`)).json() as { keys: Array<{ kid: string }> };
      expect(header).toMatchObject({ alg: 'ES256', kid: jwks.keys[0].kid });
      const c = supabaseClient(base, t.anonKey);
      await c.auth.setSession({ access_token: data.session!.access_token, refresh_token: data.session!.refresh_token });
      expect((await c.auth.getClaims()).data?.claims.sub).toBe(data.user!.id);
      const rows = await (await fetchAs(data.session!.access_token)('GET', 'todos?select=title')).json();
      expect(rows).toEqual([]);
    } finally {
      await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { signing_key: 'hs256' } });
    }
  });
});

describe('bad input', () => {
  it('answers GoTrue\'s 4xx errors for malformed bodies on every endpoint, never a 500', async () => {
    const { data } = await supabaseClient(base, t.anonKey).auth.signUp({ email: 'fuzz@example.com', password: 'fuzz fuzz' });
    const bearer = data.session!.access_token;
    const endpoints: Array<[string, string, string]> = [
      ['POST', '/auth/v1/signup', t.anonKey], ['POST', '/auth/v1/token?grant_type=password', t.anonKey],
      ['POST', '/auth/v1/token?grant_type=refresh_token', t.anonKey], ['POST', '/auth/v1/token?grant_type=pkce', t.anonKey],
      ['POST', '/auth/v1/token?grant_type=nope', t.anonKey], ['POST', '/auth/v1/otp', t.anonKey], ['POST', '/auth/v1/verify', t.anonKey],
      ['POST', '/auth/v1/recover', t.anonKey], ['POST', '/auth/v1/resend', t.anonKey], ['PUT', '/auth/v1/user', bearer],
      ['POST', '/auth/v1/factors', bearer], ['POST', '/auth/v1/factors/not-a-uuid/verify', bearer],
      ['POST', '/auth/v1/admin/users', t.serviceKey], ['PUT', '/auth/v1/admin/users/not-a-uuid', t.serviceKey],
      ['POST', '/auth/v1/admin/generate_link', t.serviceKey], ['POST', '/auth/v1/invite', t.serviceKey],
    ];
    const bodies = ['{}', '[]', 'null', '{"email": 5}', `{"email": "${'x'.repeat(5000)}@example.com", "password": "p"}`, '{"data": "not an object", "email": "a@b.co"}',
      '{"phone": "+abc", "password": "123456"}', '{"type": "signup", "token_hash": "nope"}', '{"email": "a@b.co", "password": "' + 'é'.repeat(40) + '"}', '{"ban_duration": "forever"}'];
    for (const [method, url, token] of endpoints) {
      for (const body of bodies) {
        const res = await t.app.inject({ method: method as 'POST', url, payload: body, headers: { apikey: t.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
        expect(res.statusCode, `${method} ${url} ${body.slice(0, 60)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().code, `${method} ${url}`).toMatch(/^[a-z_]+$/);
      }
    }
  });
});

describe('impersonation from the dashboard', () => {
  it('the table editor viewing as a user id sees through RLS with that user\'s claims; a minted token works on /auth/v1/user', async () => {
    await t.sql.query(`
      CREATE TABLE public.mail (id serial PRIMARY KEY, recipient text NOT NULL, body text);
      ALTER TABLE public.mail ENABLE ROW LEVEL SECURITY;
      CREATE POLICY mine ON public.mail FOR SELECT TO authenticated USING (recipient = auth.jwt() ->> 'email');
      INSERT INTO public.mail (recipient, body) VALUES ('viewer@example.com', 'for the viewer'), ('someone@example.com', 'not for the viewer');
    `);
    const { data } = await admin.auth.admin.createUser({ email: 'viewer@example.com', password: 'view as me', email_confirm: true });
    const browse = await t.service({ method: 'GET', url: '/api/sql/table-browser', query: { schema: 'public', table: 'mail', role: 'authenticated', sub: data.user!.id } });
    expect(browse.json().rows.map((r: { body: string }) => r.body)).toEqual(['for the viewer']);

    const minted = await t.service({ method: 'POST', url: `/api/auth/users/${data.user!.id}/token` });
    expect(minted.statusCode).toBe(200);
    expect(minted.json().claims).toMatchObject({ sub: data.user!.id, email: 'viewer@example.com', amr: [{ method: 'impersonation' }] });
    const me = await supabaseClient(base, t.anonKey).auth.getUser(minted.json().access_token);
    expect(me.data.user?.id).toBe(data.user!.id);
  });
});

function fetchAs(jwt: string) {
  return (method: string, path: string, body?: unknown) => fetch(`${base}/v1/db/${path}`, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { apikey: t.anonKey, authorization: `Bearer ${jwt}`, 'content-type': 'application/json', prefer: 'return=representation' },
  });
}
