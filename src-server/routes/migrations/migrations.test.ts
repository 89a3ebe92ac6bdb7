import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { queryDb, withDb } from '../../../test/helpers/db.js';
import { dumpSchema } from '../../backups/dump/dump.js';
import { diffScope } from '../../migrations/diff/read.js';

let t: TestApp;
let dir: string;

const q = queryDb;

const schemaOf = (database: string) => withDb(database, (c) => dumpSchema(c, diffScope()));

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const post = (url: string, payload?: unknown) => t.service({ method: 'POST', url, payload: payload as Record<string, unknown> });
const status = async () => (await t.service({ method: 'GET', url: '/v1/database/migrations/status' })).json();

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.end();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-migrations-'));
  await fs.mkdir(path.join(dir, 'migrations'));
});
afterAll(async () => {
  await t?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('migrations API', () => {
  it('applies a migration in one transaction, records its checksum, and re-applying is a no-op', async () => {
    const query = 'CREATE TABLE public.widgets (id int PRIMARY KEY); INSERT INTO public.widgets VALUES (1);';
    const res = await post('/v1/database/migrations', { name: 'create_widgets', query });
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json();
    expect(first).toMatchObject({ name: 'create_widgets', checksum: sha(query), applied: true, applied_by: expect.stringMatching(/^key:/) });
    expect(first.version).toMatch(/^\d{14}$/);

    const again = (await post('/v1/database/migrations', { name: 'create_widgets', query })).json();
    expect(again).toMatchObject({ version: first.version, applied: false });
    expect(await q(t.database, 'SELECT count(*)::int AS n FROM public.widgets')).toEqual([{ n: 1 }]);

    const list = (await t.service({ method: 'GET', url: '/v1/database/migrations' })).json();
    expect(list).toEqual([expect.objectContaining({ version: first.version, name: 'create_widgets', checksum: sha(query) })]);
    const audit = await q(t.database, `SELECT action, resource_id FROM trestle.audit_log WHERE action = 'migration.apply'`);
    expect(audit).toEqual([{ action: 'migration.apply', resource_id: first.version }]);
  });

  it('refuses other SQL under an applied name (409), a wrong checksum (400) and a failing script, changing nothing', async () => {
    const mismatch = await post('/v1/database/migrations', { name: 'create_widgets', query: 'CREATE TABLE public.other (id int);' });
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json().code).toBe('MIGRATION_CHECKSUM_MISMATCH');

    const sql = 'CREATE TABLE public.gadgets (id int);';
    const wrong = await post('/v1/database/migrations', { name: 'gadgets', sql, checksum: sha('something else') });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('MIGRATION_CHECKSUM_INVALID');
    const right = await post('/v1/database/migrations', { name: 'gadgets', sql, checksum: sha(sql) });
    expect(right.json()).toMatchObject({ name: 'gadgets', applied: true });

    const failing = await post('/v1/database/migrations', { name: 'half', query: 'CREATE TABLE public.half (id int); SELECT * FROM public.nope;' });
    expect(failing.statusCode).toBe(404);
    expect(failing.json()).toMatchObject({ code: '42P01', message: expect.stringContaining('Migration half failed') });
    expect(await q(t.database, `SELECT to_regclass('public.half') AS t`)).toEqual([{ t: null }]);
    expect((await t.service({ method: 'GET', url: '/v1/database/migrations' })).json().map((m: { name: string }) => m.name)).toEqual(['create_widgets', 'gadgets']);

    const control = await post('/v1/database/migrations', { name: 'sneaky', query: 'CREATE TABLE public.a (id int); COMMIT; CREATE TABLE public.b (id int);' });
    expect(control.json().code).toBe('TRANSACTION_CONTROL_NOT_ALLOWED');
    const wrapped = await post('/api/migrations', { name: 'wrapped', query: 'BEGIN;\nCREATE TABLE public.wrapped (id int);\nCOMMIT;\n' });
    expect(wrapped.json()).toMatchObject({ applied: true });
    expect((await t.anon({ method: 'GET', url: '/v1/database/migrations' })).statusCode).toBe(403);
  });

  it('compares the migrations folder with the history: pending, applied, changed, missing', async () => {
    const folder = path.join(dir, 'migrations');
    await fs.writeFile(path.join(folder, '20240101000000_init.sql'), 'CREATE TABLE public.folder_a (id int PRIMARY KEY);\n');
    await fs.writeFile(path.join(folder, '20240102000000_more.sql'), 'ALTER TABLE public.folder_a ADD COLUMN note text;\n');
    await fs.writeFile(path.join(folder, 'notes.sql'), '-- not a migration\n');
    expect((await t.service({ method: 'PATCH', url: '/v1/database/migrations/settings', payload: { migrations_dir: 'relative/dir' } })).json().code).toBe('INVALID_PATH');
    const set = await t.service({ method: 'PATCH', url: '/api/migrations/settings', payload: { migrations_dir: folder } });
    expect(set.statusCode, set.body).toBe(200);
    let s = await status();
    expect(s.folder.counts).toEqual({ applied: 0, changed: 0, pending: 2, missing: 3 });
    expect(s.folder.ignored).toEqual(['notes.sql']);
    expect(s.settings.seed_path).toBe(path.join(dir, 'seed.sql'));

    const applied = await post('/v1/database/migrations/apply', {});
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().applied.map((m: { version: string }) => m.version)).toEqual(['20240101000000', '20240102000000']);
    s = await status();
    expect(s.folder.entries.filter((e: { status: string }) => e.status === 'applied').map((e: { name: string }) => e.name)).toEqual(['init', 'more']);

    // Editing an applied file shows as changed, and nothing more is applied until it is resolved.
    await fs.appendFile(path.join(folder, '20240101000000_init.sql'), '-- edited later\n');
    await fs.writeFile(path.join(folder, '20240103000000_third.sql'), 'CREATE TABLE public.folder_c (id int);\n');
    s = await status();
    expect(s.folder.entries.find((e: { version: string }) => e.version === '20240101000000')).toMatchObject({ status: 'changed' });
    expect(s.folder.counts).toMatchObject({ changed: 1, pending: 1 });
    const refused = await post('/api/migrations/apply', { versions: ['20240103000000'] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail.versions).toEqual(['20240101000000']);
    expect(await q(t.database, `SELECT to_regclass('public.folder_c') AS t`)).toEqual([{ t: null }]);

    // A folder that disappears is reported, with the history still listed.
    const gone = path.join(dir, 'gone');
    await fs.mkdir(gone);
    await t.service({ method: 'PATCH', url: '/api/migrations/settings', payload: { migrations_dir: gone } });
    await fs.rm(gone, { recursive: true });
    s = await status();
    expect(s.folder.error).toContain('does not exist');
    expect(s.folder.counts.missing).toBeGreaterThan(0);
    await t.service({ method: 'PATCH', url: '/api/migrations/settings', payload: { migrations_dir: folder } });
  });
});

describe('branch diff, promote and seed', () => {
  it('promotes a branch with a new table, column, index, policy, function and enum: main ends up with the branch schema', async () => {
    const created = await post('/api/branches', { label: 'feature' });
    expect(created.statusCode, created.body).toBe(201);
    const branch = created.json().branch;
    await q(branch.database_name, `
      CREATE TYPE public.mood AS ENUM ('calm', 'busy');
      CREATE TABLE public.tasks (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, widget_id int REFERENCES public.widgets (id), mood public.mood DEFAULT 'calm');
      CREATE INDEX tasks_widget_idx ON public.tasks (widget_id);
      ALTER TABLE public.tasks ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tasks_read ON public.tasks FOR SELECT TO authenticated USING (true);
      CREATE FUNCTION public.task_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM public.tasks $$;
      ALTER TABLE public.widgets ADD COLUMN label text;`);

    const diff = await t.service({ method: 'GET', url: `/v1/branches/${branch.id}/diff` });
    expect(diff.statusCode, diff.body).toBe(200);
    const d = diff.json();
    expect(d.destructive).toEqual([]);
    expect(d.sql).toContain('CREATE TABLE "public"."tasks"');
    expect(d.statements.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['type', 'table', 'index', 'policy', 'function', 'rls']));
    expect(d.checksum).toBe(sha(d.sql));

    const stale = await post(`/v1/branches/${branch.id}/promote`, { name: 'add tasks', checksum: sha('old diff') });
    expect(stale.json().code).toBe('DIFF_CHANGED');
    const res = await post(`/v1/branches/${branch.id}/promote`, { name: 'add tasks', checksum: d.checksum });
    expect(res.statusCode, res.body).toBe(200);
    const promoted = res.json();
    expect(promoted).toMatchObject({ applied: true, remaining: 0, file_error: null, migration: { name: 'add tasks' } });
    expect(await schemaOf(t.database)).toBe(await schemaOf(branch.database_name));

    // The migration is in main's history, in the branch's, and in the folder as <version>_<name>.sql.
    const version = promoted.migration.version;
    expect(promoted.file).toBe(path.join(dir, 'migrations', `${version}_add_tasks.sql`));
    const file = await fs.readFile(promoted.file, 'utf8');
    expect(sha(file)).toBe(promoted.migration.checksum);
    expect(await q(branch.database_name, 'SELECT version FROM supabase_migrations.schema_migrations WHERE version = $1', [version])).toHaveLength(1);
    expect((await status()).folder.entries.find((e: { version: string }) => e.version === version)).toMatchObject({ status: 'applied' });

    const again = await post(`/api/branches/${branch.id}/promote`, { name: 'again' });
    expect(again.json().code).toBe('NO_CHANGES');
  });

  it('needs confirmation for destructive steps, and changes nothing without it', async () => {
    const { branch } = (await post('/api/branches', { label: 'cleanup' })).json();
    await q(branch.database_name, 'ALTER TABLE public.widgets DROP COLUMN label; DROP TABLE public.gadgets;');
    const refused = await post(`/v1/branches/${branch.id}/promote`, { name: 'cleanup' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('DESTRUCTIVE_CHANGES_NOT_CONFIRMED');
    expect(refused.json().detail.statements.map((s: { sql: string }) => s.sql)).toEqual(expect.arrayContaining([
      'ALTER TABLE "public"."widgets" DROP COLUMN "label";', 'DROP TABLE "public"."gadgets";']));
    expect(await q(t.database, `SELECT to_regclass('public.gadgets') IS NOT NULL AS kept`)).toEqual([{ kept: true }]);

    const confirmed = await post(`/v1/branches/${branch.id}/promote`, { name: 'cleanup', confirm_destructive: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await q(t.database, `SELECT to_regclass('public.gadgets') IS NULL AS gone`)).toEqual([{ gone: true }]);
    expect((await t.service({ method: 'GET', url: '/v1/branches/main/diff' })).json().code).toBe('NOT_A_BRANCH');
  });

  it('runs seed.sql on a branch in one transaction', async () => {
    const { branch } = (await post('/api/branches', { label: 'seeded' })).json();
    await fs.writeFile(path.join(dir, 'seed.sql'), "INSERT INTO public.widgets (id) VALUES (100), (101);\n");
    const res = await post(`/v1/branches/${branch.id}/seed`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ file: path.join(dir, 'seed.sql'), statements: 1, database_name: branch.database_name });
    expect(await q(branch.database_name, 'SELECT count(*)::int AS n FROM public.widgets WHERE id >= 100')).toEqual([{ n: 2 }]);
    expect(await q(t.database, 'SELECT count(*)::int AS n FROM public.widgets WHERE id >= 100')).toEqual([{ n: 0 }]);

    await fs.writeFile(path.join(dir, 'seed.sql'), 'INSERT INTO public.widgets (id) VALUES (200); INSERT INTO public.nope VALUES (1);\n');
    const failed = await post(`/api/branches/${branch.id}/seed`);
    expect(failed.statusCode).toBe(404);
    expect(await q(branch.database_name, 'SELECT count(*)::int AS n FROM public.widgets WHERE id = 200')).toEqual([{ n: 0 }]);
  });
});
