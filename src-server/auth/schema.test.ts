// The auth schema as Supabase apps' SQL expects it, and the upgrade of a database whose policies use the old
// text-returning auth.uid().
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../bootstrap/index.js';
import { MIGRATIONS } from '../bootstrap/migrations/index.js';
import { createDatabase, urlFor } from '../../test/helpers/app.js';

const clients: pg.Client[] = [];
async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  clients.push(c);
  return c;
}
afterAll(async () => {
  for (const c of clients) await c.end();
});

const UID = '6f1c1d5e-8a8e-4c3e-9a44-0d3f1c7e2b11';

async function asUser(c: pg.Client, sql: string, claims: Record<string, unknown>) {
  await c.query('BEGIN');
  try {
    await c.query(`SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    return (await c.query(sql)).rows;
  } finally {
    await c.query('ROLLBACK');
  }
}

describe('auth schema', () => {
  it('has GoTrue\'s helpers, tables apps reference, the extensions schema and the Supabase roles', async () => {
    const url = urlFor(await createDatabase('auth'));
    await bootstrapDatabase(url);
    const c = await connect(url);
    const [row] = await asUser(c, `SELECT auth.uid() AS uid, pg_typeof(auth.uid())::text AS t, auth.role() AS role, auth.email() AS email, auth.jwt() ->> 'aal' AS aal`,
      { sub: UID, role: 'authenticated', email: 'a@example.com', aal: 'aal1' });
    expect(row).toEqual({ uid: UID, t: 'uuid', role: 'authenticated', email: 'a@example.com', aal: 'aal1' });
    expect((await asUser(c, 'SELECT auth.uid() AS uid, auth.jwt() AS jwt', {}))[0]).toEqual({ uid: null, jwt: {} });

    await c.query(`
      CREATE TABLE public.profiles (id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE, name text, user_id uuid DEFAULT auth.uid());
      CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
      BEGIN INSERT INTO public.profiles (id, name) VALUES (new.id, new.raw_user_meta_data ->> 'name'); RETURN new; END $$;
      CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
      INSERT INTO auth.users (id, email, raw_user_meta_data, encrypted_password) VALUES ($$${UID}$$, 'seed@example.com', '{"name":"Seed"}', crypt('pw123456', gen_salt('bf')));
    `);
    expect((await c.query('SELECT name FROM public.profiles')).rows).toEqual([{ name: 'Seed' }]);
    expect((await c.query(`SELECT extensions.uuid_generate_v4() IS NOT NULL AS ok, extensions.crypt('x', extensions.gen_salt('bf')) LIKE '$2a$%' AS bf`)).rows[0]).toEqual({ ok: true, bf: true });
    const roles = (await c.query(`SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'supabase%' OR rolname = 'dashboard_user' ORDER BY 1`)).rows;
    expect(roles.map((r) => r.rolname)).toEqual(expect.arrayContaining(['supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin', 'supabase_admin', 'dashboard_user']));
    expect(roles.every((r) => r.rolcanlogin === false)).toBe(true);
    expect((await c.query(`SELECT tableowner FROM pg_tables WHERE schemaname = 'auth' AND tablename = 'users'`)).rows[0].tableowner).toBe('supabase_auth_admin');
    // The API roles see nothing of auth.users.
    await expect(asUser(c, 'SELECT count(*) FROM auth.users', { sub: UID })).rejects.toMatchObject({ code: '42501' });
  });

  it('upgrades a database whose policies and defaults use the old text auth.uid(), keeping them', async () => {
    const url = urlFor(await createDatabase('authup'));
    await bootstrapDatabase(url, MIGRATIONS.filter((m) => m.version < 60));
    const c = await connect(url);
    await c.query(`
      CREATE TABLE notes (id serial PRIMARY KEY, owner text NOT NULL DEFAULT auth.uid(), body text);
      ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
      CREATE POLICY read_own ON notes FOR SELECT TO authenticated USING (owner = auth.uid());
      CREATE POLICY write_own ON notes AS RESTRICTIVE FOR INSERT TO authenticated, anon WITH CHECK (owner = auth.uid() AND body IS NOT NULL);
      GRANT ALL ON notes TO authenticated;
      INSERT INTO notes (owner, body) VALUES ($$${UID}$$, 'mine'), ('someone-else', 'theirs');
    `);
    await bootstrapDatabase(url);
    const policies = (await c.query(`SELECT policyname, permissive, roles::text[] AS roles, cmd, qual, with_check FROM pg_policies WHERE tablename = 'notes' ORDER BY 1`)).rows;
    expect(policies).toEqual([
      { policyname: 'read_own', permissive: 'PERMISSIVE', roles: ['authenticated'], cmd: 'SELECT', qual: '(owner = (auth.uid())::text)', with_check: null },
      { policyname: 'write_own', permissive: 'RESTRICTIVE', roles: ['anon', 'authenticated'], cmd: 'INSERT', qual: null, with_check: '((owner = (auth.uid())::text) AND (body IS NOT NULL))' },
    ]);
    expect((await asUser(c, 'SELECT body FROM notes', { sub: UID })).map((r) => r.body)).toEqual(['mine']);
    expect((await c.query(`SELECT pg_typeof(auth.uid())::text AS t`)).rows[0].t).toBe('uuid');
    const [def] = (await c.query(`SELECT column_default FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'owner'`)).rows;
    expect(def.column_default).toBe('(auth.uid())::text');
  });

  it('completes a stand-in auth.users an app made earlier (for its foreign keys), keeping its rows', async () => {
    const url = urlFor(await createDatabase('authstub'));
    await bootstrapDatabase(url, MIGRATIONS.filter((m) => m.version < 60));
    const c = await connect(url);
    await c.query(`
      CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);
      CREATE TABLE public.posts (id serial PRIMARY KEY, author uuid REFERENCES auth.users (id));
      INSERT INTO auth.users VALUES ($$${UID}$$, 'stub@example.com');
      INSERT INTO public.posts (author) VALUES ($$${UID}$$);
    `);
    await bootstrapDatabase(url);
    const row = (await c.query(`SELECT email, is_anonymous, is_sso_user, confirmed_at FROM auth.users WHERE id = $1`, [UID])).rows[0];
    expect(row).toEqual({ email: 'stub@example.com', is_anonymous: false, is_sso_user: false, confirmed_at: null });
    expect((await c.query(`SELECT count(*)::int AS n FROM public.posts`)).rows[0].n).toBe(1);
    expect((await c.query(`SELECT tableowner FROM pg_tables WHERE schemaname = 'auth' AND tablename = 'users'`)).rows[0].tableowner).toBe('supabase_auth_admin');
  });

  it('keeps the old auth.uid() when a view depends on it, and starts anyway', async () => {
    const url = urlFor(await createDatabase('authview'));
    await bootstrapDatabase(url, MIGRATIONS.filter((m) => m.version < 60));
    const c = await connect(url);
    await c.query(`CREATE VIEW me AS SELECT auth.uid() AS uid`);
    await bootstrapDatabase(url);
    expect((await c.query(`SELECT pg_typeof(auth.uid())::text AS t`)).rows[0].t).toBe('text');
    expect((await c.query(`SELECT count(*)::int AS n FROM me`)).rows[0].n).toBe(1);
  });
});
