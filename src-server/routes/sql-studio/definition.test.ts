import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(`
    CREATE TYPE mood AS ENUM ('ok', 'meh');
    CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
    CREATE TABLE owners (id bigint PRIMARY KEY, email text UNIQUE);
    CREATE TABLE notes (id bigint PRIMARY KEY, owner_id bigint, owner_email text, body text, n integer, user_id text);
    INSERT INTO owners VALUES (1, 'a@x'); INSERT INTO notes VALUES (1, 1, 'a@x', 'hello', 5, 'u1'), (2, 1, 'a@x', 'bye', 7, 'u2');
    CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
    CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();`);
});
afterAll(async () => t?.close());

const ddl = async (kind: 'preview' | 'apply', payload: Record<string, unknown>) =>
  t.service({ method: 'POST', url: `/api/sql/ddl/${kind}`, payload: { schema: 'public', table: 'notes', ...payload } });
const details = async (table = 'notes') => (await t.service({ method: 'GET', url: `/api/sql/table-details?schema=public&table=${table}` })).json();

describe('table definition changes', () => {
  it('lists base types, enums and domains for the type picker', async () => {
    const res = await t.service({ method: 'GET', url: '/api/sql/types' });
    expect(res.statusCode).toBe(200);
    const types = res.json().types as Array<{ sql_name: string; kind: string }>;
    expect(types).toEqual(expect.arrayContaining([
      expect.objectContaining({ sql_name: 'mood', kind: 'enum' }), expect.objectContaining({ sql_name: 'positive_int', kind: 'domain' }),
      expect.objectContaining({ sql_name: 'timestamp with time zone', kind: 'base' }), expect.objectContaining({ sql_name: 'jsonb', kind: 'base' }),
    ]));
    expect(types.some((x) => x.sql_name.endsWith('[]'))).toBe(false);
  });

  it('adds and drops unique, check and foreign key constraints (to a unique key, with actions)', async () => {
    const fk = { op: 'add_constraint', constraint: { kind: 'foreign_key', name: 'notes_owner_email_fk', columns: ['owner_email'], references: { table: 'owners', columns: ['email'] }, on_delete: 'set null', on_update: 'cascade' } };
    const p = await ddl('preview', fk);
    expect(p.statusCode).toBe(200);
    expect(p.json().sql).toBe('ALTER TABLE "public"."notes" ADD CONSTRAINT "notes_owner_email_fk" FOREIGN KEY ("owner_email") REFERENCES "public"."owners" ("email") ON DELETE SET NULL ON UPDATE CASCADE;');
    expect((await ddl('apply', fk)).statusCode).toBe(200);
    expect((await ddl('apply', { op: 'add_constraint', constraint: { kind: 'check', name: 'n_positive', expression: 'n > 0' } })).statusCode).toBe(200);
    expect((await ddl('apply', { op: 'add_constraint', constraint: { kind: 'unique', columns: ['body', 'n'] } })).statusCode).toBe(200);
    const d = await details();
    expect(d.foreign_keys.find((f: { name: string }) => f.name === 'notes_owner_email_fk')).toMatchObject({ on_delete: 'SET NULL', on_update: 'CASCADE' });
    expect(d.check_constraints.map((c: { name: string }) => c.name)).toContain('n_positive');
    expect(d.unique_constraints[0].columns).toEqual(['body', 'n']);
    await expect(t.sql.query('UPDATE notes SET n = -1 WHERE id = 1')).rejects.toThrow(/n_positive/);
    expect((await ddl('apply', { op: 'drop_constraint', name: 'n_positive' })).statusCode).toBe(200);
    expect((await ddl('apply', { op: 'drop_constraint', name: 'n_positive' })).statusCode).toBe(404);
  });

  it('refuses an expression that tries to end the statement, and reports a bad one clearly; nothing runs', async () => {
    const sneaky = await ddl('preview', { op: 'add_constraint', constraint: { kind: 'check', expression: "true); DROP TABLE owners; --" } });
    expect(sneaky.statusCode).toBe(400);
    expect(sneaky.json().code).toBe('INVALID_EXPRESSION');
    const unbalanced = await ddl('apply', { op: 'add_constraint', constraint: { kind: 'check', expression: 'true) OR (true' } });
    expect(unbalanced.statusCode).toBe(400);
    const wrong = await ddl('apply', { op: 'create_policy', policy: { name: 'p', command: 'SELECT', roles: ['anon'], using: 'no_such_column = 1' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('no_such_column');
    expect((await t.sql.query(`SELECT to_regclass('public.owners') AS r`)).rows[0].r).toBe('owners');
  });

  it('creates a partial unique index and drops it; an index of a constraint is not dropped on its own', async () => {
    const op = { op: 'create_index', index: { name: 'notes_body_idx', columns: ['body'], unique: true, where: 'n > 1' } };
    expect((await ddl('preview', op)).json().sql).toBe('CREATE UNIQUE INDEX "notes_body_idx" ON "public"."notes" USING btree ("body") WHERE n > 1;');
    expect((await ddl('apply', op)).statusCode).toBe(200);
    expect((await details()).indexes.find((i: { name: string }) => i.name === 'notes_body_idx')).toMatchObject({ is_unique: true, predicate: '(n > 1)' });
    expect((await ddl('apply', { op: 'drop_index', name: 'notes_body_idx' })).statusCode).toBe(200);
    const pk = await ddl('apply', { op: 'drop_index', name: 'notes_pkey' });
    expect(pk.statusCode).toBe(400);
    expect(pk.json().code).toBe('INDEX_OF_CONSTRAINT');
  });

  it('disables and enables a trigger', async () => {
    expect((await ddl('apply', { op: 'set_trigger_enabled', name: 'notes_touch', enabled: false })).statusCode).toBe(200);
    expect((await details()).triggers[0]).toMatchObject({ name: 'notes_touch', enabled: false });
    expect((await ddl('apply', { op: 'set_trigger_enabled', name: 'notes_touch', enabled: true })).statusCode).toBe(200);
    expect((await details()).triggers[0].enabled).toBe(true);
  });

  it('RLS policies: create makes rows readable by anon, replace narrows them, drop hides them again', async () => {
    await ddl('apply', { op: 'set_rls', enabled: true });
    const read = async () => (await t.anon({ method: 'GET', url: '/v1/db/notes?select=id&order=id' })).json();
    expect(await read()).toEqual([]);
    const create = { op: 'create_policy', policy: { name: 'public read', command: 'SELECT', roles: ['anon', 'authenticated'], using: 'true' } };
    expect((await ddl('preview', create)).json().sql).toBe('CREATE POLICY "public read" ON "public"."notes"\n  AS PERMISSIVE\n  FOR SELECT\n  TO "anon", "authenticated"\n  USING (true);');
    expect((await ddl('apply', create)).statusCode).toBe(200);
    expect(await read()).toEqual([{ id: 1 }, { id: 2 }]);
    const replaced = await ddl('apply', { op: 'replace_policy', name: 'public read', policy: { ...create.policy, using: 'n > 6' } });
    expect(replaced.json().statements).toHaveLength(2);
    expect(await read()).toEqual([{ id: 2 }]);
    expect((await details()).policies).toEqual([expect.objectContaining({ name: 'public read', command: 'SELECT', roles: ['anon', 'authenticated'], using: '(n > 6)' })]);
    expect((await ddl('apply', { op: 'create_policy', policy: { name: 'x', command: 'INSERT', roles: ['anon'], using: 'true' } })).statusCode).toBe(400);
    expect((await ddl('apply', { op: 'create_policy', policy: { name: 'x', command: 'SELECT', roles: ['nobody_role'], using: 'true' } })).statusCode).toBe(404);
    expect((await ddl('apply', { op: 'drop_policy', name: 'public read' })).statusCode).toBe(200);
    expect(await read()).toEqual([]);
  });

  it('warns about a plain view over an RLS table that anon can read, until it is security_invoker', async () => {
    await t.sql.query('CREATE VIEW notes_view AS SELECT id, body FROM notes');
    const before = await details('notes_view');
    expect(before.view_rls_warning).toContain('public.notes');
    const fix = await t.service({ method: 'POST', url: '/api/sql/ddl/apply', payload: { op: 'set_security_invoker', schema: 'public', table: 'notes_view', enabled: true } });
    expect(fix.json().sql).toBe('ALTER VIEW "public"."notes_view" SET (security_invoker = true);');
    expect((await details('notes_view')).view_rls_warning).toBeNull();
    expect((await details()).view_rls_warning).toBeNull();
  });
});
