import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, urlFor, type TestApp } from '../../../test/helpers/app.js';
import { queryDb } from '../../../test/helpers/db.js';
import { branchRuntime } from '../../branches/runtime.js';

let t: TestApp;

const q = queryDb;

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.end(); // the helper's client would hold the main database open
  await q(t.database, `CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL);
    INSERT INTO public.items VALUES (1, 'original');`);
});
afterAll(async () => t?.close());

const create = (payload: Record<string, unknown> = {}) => t.service({ method: 'POST', url: '/api/branches', payload });
const names = async (db: string) => (await q<{ name: string }>(db, 'SELECT name FROM public.items ORDER BY id')).map((r) => r.name);

describe('branches', () => {
  it('creates a branch as a template copy, says how, and lists it', async () => {
    const res = await create({ label: 'Feature X!', ttlHours: 0 });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.branch.database_name).toMatch(/^truss_branch_feature_x_[0-9a-z]+$/);
    expect(['wal_log', 'file_copy', 'file_copy_clone']).toContain(body.method);
    expect(body.duration_ms).toBeGreaterThanOrEqual(0);
    expect(body.branch).toMatchObject({ label: 'Feature X!', parent: t.database, status: 'ready', ttl_hours: 0, expires_at: null, active: false });
    expect(await names(body.branch.database_name)).toEqual(['original']);

    const list = (await t.service({ method: 'GET', url: '/v1/branches' })).json();
    expect(list.active_database).toBe(t.database);
    expect(list.main).toMatchObject({ database_name: t.database, active: true });
    const listed = list.branches.find((b: { id: string }) => b.id === body.branch.id);
    expect(listed.size_bytes).toBeGreaterThan(1_000_000);
    expect(listed.connection_string).toContain(`/${body.branch.database_name}`);
    const cs = (await t.service({ method: 'GET', url: `/api/branches/${body.branch.id}/connection-string` })).json();
    expect(cs.connection_string).toBe(listed.connection_string);
    const audit = await q(t.database, `SELECT action FROM trestle.audit_log WHERE resource_id = $1`, [body.branch.id]);
    expect(audit).toEqual([{ action: 'branch.create' }]);
  });

  it('isolates a branch from its parent both ways, and reset brings the parent back', async () => {
    const { branch } = (await create({ label: 'iso' })).json();
    await q(branch.database_name, `UPDATE public.items SET name = 'in branch' WHERE id = 1; INSERT INTO public.items VALUES (2, 'branch only')`);
    await q(t.database, `INSERT INTO public.items VALUES (3, 'main only')`);
    expect(await names(t.database)).toEqual(['original', 'main only']);
    expect(await names(branch.database_name)).toEqual(['in branch', 'branch only']);

    const reset = await t.service({ method: 'POST', url: `/api/branches/${branch.id}/reset` });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().branch.reset_at).not.toBeNull();
    expect(await names(branch.database_name)).toEqual(['original', 'main only']);
    await q(t.database, 'DELETE FROM public.items WHERE id = 3');
  });

  it('activation changes what the active database serves; one call goes back to main', async () => {
    const { branch } = (await create({ label: 'active one' })).json();
    await q(branch.database_name, `UPDATE public.items SET name = 'branch value'`);
    const act = await t.service({ method: 'POST', url: `/api/branches/${branch.id}/activate` });
    expect(act.statusCode).toBe(200);
    expect(act.json().active_database).toBe(branch.database_name);
    expect((await t.service({ method: 'GET', url: '/api/health' })).json().database.name).toBe(branch.database_name);
    const rows = (await t.ctx.databases.active.query('SELECT name FROM public.items')).rows;
    expect(rows).toEqual([{ name: 'branch value' }]);
    const rest = await t.service({ method: 'GET', url: '/v1/db/items?select=name' });
    if (rest.statusCode !== 501) expect(rest.json()).toEqual([{ name: 'branch value' }]);
    expect((await t.service({ method: 'GET', url: '/api/branches' })).json().active_branch_id).toBe(branch.id);

    const back = await t.service({ method: 'POST', url: '/api/branches/main/activate' });
    expect(back.json()).toEqual({ active_database: t.database, branch: null });
    expect((await t.service({ method: 'GET', url: '/api/health' })).json().database.name).toBe(t.database);
    expect((await t.ctx.databases.active.query('SELECT name FROM public.items')).rows).toEqual([{ name: 'original' }]);
  });

  it('resetting the active branch: requests to it meanwhile wait, then see the fresh copy', async () => {
    const { branch } = (await create({ label: 'active reset' })).json();
    await t.service({ method: 'POST', url: `/api/branches/${branch.id}/activate` });
    await q(branch.database_name, `UPDATE public.items SET name = 'changed in branch'`);
    const reset = t.service({ method: 'POST', url: `/api/branches/${branch.id}/reset` });
    const reads = Array.from({ length: 5 }, (_, i) => new Promise((r) => setTimeout(r, i * 40))
      .then(() => t.ctx.databases.active.query<{ name: string }>('SELECT name FROM public.items')));
    expect((await reset).statusCode).toBe(200);
    for (const read of await Promise.all(reads)) expect(['changed in branch', 'original']).toContain(read.rows[0].name);
    expect((await t.ctx.databases.active.query('SELECT name FROM public.items')).rows).toEqual([{ name: 'original' }]);
    await t.service({ method: 'POST', url: '/api/branches/main/activate' });
  });

  it('the expiry job drops expired branches, switching back to main first when one is active', async () => {
    const keep = (await create({ label: 'forever', ttlHours: 0 })).json().branch;
    const soon = (await create({ label: 'short', ttlHours: 1 })).json().branch;
    const active = (await create({ label: 'short active', ttlHours: 2 })).json().branch;
    expect(Date.parse(soon.expires_at) - Date.parse(soon.created_at)).toBeGreaterThan(3_590_000);
    await t.service({ method: 'POST', url: `/api/branches/${active.id}/activate` });

    const { expiry } = branchRuntime(t.ctx);
    expiry.clock = () => new Date(Date.now() + 90 * 60_000);
    await expiry.tick();
    let ids = (await t.service({ method: 'GET', url: '/api/branches' })).json().branches.map((b: { id: string }) => b.id);
    expect(ids).not.toContain(soon.id);
    expect(ids).toContain(active.id);
    expect(await q(t.database, 'SELECT 1 FROM pg_database WHERE datname = $1', [soon.database_name])).toEqual([]);

    expiry.clock = () => new Date(Date.now() + 3 * 3_600_000);
    await expiry.tick();
    expiry.clock = () => new Date();
    ids = (await t.service({ method: 'GET', url: '/api/branches' })).json().branches.map((b: { id: string }) => b.id);
    expect(ids).not.toContain(active.id);
    expect(ids).toContain(keep.id);
    expect(t.ctx.databases.activeDatabaseName).toBe(t.database);
    const audit = await q(t.database, `SELECT actor FROM trestle.audit_log WHERE action = 'branch.delete' AND resource_id = $1`, [soon.id]);
    expect(audit).toEqual([{ actor: 'system:branch-ttl' }]);
  });

  it('refuses while another client uses the parent, and ends it only when asked', async () => {
    const other = new pg.Client({ connectionString: urlFor(t.database), application_name: 'someones-app' });
    await other.connect();
    other.on('error', () => undefined);
    const pid = (await other.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const refused = await create({ label: 'blocked' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('TEMPLATE_IN_USE');
    expect(refused.json().detail.connections).toEqual([expect.objectContaining({ pid, application_name: 'someones-app' })]);
    expect((await t.service({ method: 'GET', url: '/api/branches' })).json().branches.map((b: { label: string }) => b.label)).not.toContain('blocked');

    const forced = await create({ label: 'forced', terminateConnections: true });
    expect(forced.statusCode).toBe(201);
    expect(forced.json().terminated_connections.map((c: { pid: number }) => c.pid)).toEqual([pid]);
    await expect(other.query('SELECT 1')).rejects.toThrow();
    await other.end().catch(() => undefined);
  });

  it('deletes a branch: database dropped, marked deleted, audited', async () => {
    const { branch } = (await create({ label: 'to delete' })).json();
    const del = await t.service({ method: 'DELETE', url: `/api/branches/${branch.id}` });
    expect(del.statusCode).toBe(200);
    expect(del.json().branch.status).toBe('deleted');
    expect(await q(t.database, 'SELECT 1 FROM pg_database WHERE datname = $1', [branch.database_name])).toEqual([]);
    expect((await t.service({ method: 'DELETE', url: `/api/branches/${branch.id}` })).statusCode).toBe(404);
    const audit = await q(t.database, `SELECT action FROM trestle.audit_log WHERE resource_id = $1 ORDER BY id`, [branch.id]);
    expect(audit.map((r) => r.action)).toEqual(['branch.create', 'branch.delete']);
  });

  it('rejects bad input without creating anything', async () => {
    const before = (await q(t.database, `SELECT count(*)::int AS n FROM trestle.branches`))[0].n;
    for (const payload of [{ label: 'x'.repeat(61) }, { ttlHours: -1 }, { ttlHours: 1.5 }, { parent: 'nope' }, { other: true }]) {
      const res = await create(payload);
      expect(res.statusCode).toBe(400);
    }
    expect((await t.service({ method: 'POST', url: '/api/branches/00000000-0000-0000-0000-000000000000/activate' })).statusCode).toBe(404);
    expect((await t.anon({ method: 'GET', url: '/v1/branches' })).statusCode).toBe(403);
    expect((await q(t.database, `SELECT count(*)::int AS n FROM trestle.branches`))[0].n).toBe(before);
  });

  it('a default label, and a branch of a branch', async () => {
    const parent = (await create({})).json().branch;
    expect(parent.label).toMatch(/^branch_\d{8}_\d{6}$/);
    const child = await create({ label: 'child', parent: parent.id });
    expect(child.statusCode).toBe(201);
    expect(child.json().branch.parent).toBe(parent.database_name);
  });
});
