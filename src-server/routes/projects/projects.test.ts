import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query('CREATE TABLE public.things (id int PRIMARY KEY)');
});
afterAll(async () => t?.close());

const patch = (payload: unknown) => t.service({ method: 'PATCH', url: '/v1/projects/local', payload: payload as object });

describe('projects', () => {
  it('lists the local project with database, keys, tables and storage', async () => {
    const res = await t.service({ method: 'GET', url: '/v1/projects' });
    expect(res.statusCode).toBe(200);
    const { projects } = res.json();
    expect(projects).toHaveLength(1);
    const p = projects[0];
    expect(p).toMatchObject({ id: 'local', name: 'Local project', status: 'active', database: { name: t.database } });
    expect(Date.parse(p.created_at)).not.toBeNaN();
    expect(p.keys).toMatchObject({ total: 2, active: 2 });
    expect(p.keys.items.map((k: { key_prefix: string }) => k.key_prefix)).toContain(t.serviceKey.slice(0, 12));
    expect(JSON.stringify(p)).not.toContain(t.serviceKey);
    expect(p.tables.count).toBe(1);
    const { rows } = await t.sql.query('SELECT pg_database_size(current_database())::float8 AS size');
    expect(p.storage.database_size_bytes).toBeGreaterThan(rows[0].size * 0.9);
    const one = await t.service({ method: 'GET', url: '/v1/projects/local' });
    expect(one.json()).toMatchObject({ id: 'local', tables: { count: 1 } });
  });

  it('404s an unknown project and needs a service_role key', async () => {
    const res = await t.service({ method: 'GET', url: '/v1/projects/elsewhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PROJECT_NOT_FOUND');
    expect((await t.service({ method: 'PATCH', url: '/v1/projects/elsewhere', payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await t.anon({ method: 'GET', url: '/v1/projects' })).statusCode).toBe(403);
    expect((await t.anon({ method: 'PATCH', url: '/v1/projects/local', payload: { status: 'paused' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/projects/local' })).statusCode).toBe(401);
  });

  it('renames the project and rejects bad input without changing anything', async () => {
    const ok = await patch({ name: '  Shop backend ' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('Shop backend');
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }, { status: 'deleted' }, { status: 1 }, { other: true }]) {
      const bad = await patch(body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_ERROR');
    }
    const { rows } = await t.sql.query(`SELECT name, status FROM trestle.project WHERE id = 'local'`);
    expect(rows[0]).toEqual({ name: 'Shop backend', status: 'active' });
  });

  it('pausing makes the data API answer 503 until resumed; the rest keeps working', async () => {
    const paused = await patch({ status: 'paused' });
    expect(paused.json().status).toBe('paused');
    for (const req of [
      { method: 'GET' as const, url: '/v1/db/things' },
      { method: 'GET' as const, url: '/v1/db/things?id=eq.1' },
      { method: 'POST' as const, url: '/v1/sql', payload: { sql: 'select 1' } },
      { method: 'POST' as const, url: '/v1/sql/transaction', payload: { statements: [{ sql: 'select 1' }] } },
    ]) {
      const res = await t.service(req);
      expect(res.statusCode, req.url).toBe(503);
      expect(res.json()).toMatchObject({ code: 'PROJECT_PAUSED', error: expect.stringContaining('paused') });
    }
    expect((await t.anon({ method: 'GET', url: '/v1/db/things' })).statusCode).toBe(503);
    // Credentials are still checked first.
    expect((await t.app.inject({ method: 'GET', url: '/v1/db/things' })).statusCode).toBe(401);
    expect((await t.service({ method: 'GET', url: '/v1/status' })).statusCode).toBe(200);
    expect((await t.service({ method: 'GET', url: '/v1/projects/local' })).json().status).toBe('paused');

    const resumed = await patch({ status: 'active' });
    expect(resumed.json().status).toBe('active');
    const after = await t.service({ method: 'GET', url: '/v1/db/things' });
    expect(after.statusCode).not.toBe(503);
    const sql = await t.service({ method: 'POST', url: '/v1/sql', payload: { sql: 'select 1 AS one' } });
    expect(sql.statusCode).not.toBe(503);
  });

  it('a paused project stays paused after a restart', async () => {
    await patch({ status: 'paused' });
    const again = await createTestApp({}, { database: t.database });
    try {
      expect((await again.service({ method: 'GET', url: '/v1/db/things' })).statusCode).toBe(503);
    } finally {
      await again.close();
      await patch({ status: 'active' });
    }
  });
});
