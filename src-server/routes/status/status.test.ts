import { createClient, FunctionsHttpError } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { countLiveRows, moduleResourceCounts } from './resources.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query('CREATE SCHEMA extra; CREATE TABLE extra.a (id int); CREATE TABLE public.b (id int)');
});
afterAll(async () => t?.close());

describe('platform status', () => {
  it('reports the platform, the database, the local plan, resources and modules with real figures', async () => {
    const res = await t.service({ method: 'GET', url: '/v1/status' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.platform).toMatchObject({ name: 'Trestle', version: t.ctx.version });
    const { rows: [db] } = await t.sql.query(`SELECT current_setting('server_version') AS version, pg_database_size(current_database())::float8 AS size`);
    expect(body.database).toMatchObject({ name: t.database, postgres_version: db.version, table_count: 2, schema_count: 2 });
    expect(body.database.size_bytes).toBeGreaterThan(db.size * 0.9);
    expect(body.database.uptime_seconds).toBeGreaterThanOrEqual(0);
    expect(body.plan).toEqual({ name: 'local', limits: null });
    expect(body.resources).toMatchObject({ projects: 1, keys: { total: 2, active: 2, anon: 1, service_role: 1 } });
    expect(body.modules.find((m: { id: string }) => m.id === 'audit')).toMatchObject({ enabled: true, status: 'available' });
  });

  it('counts other modules\' resources from their tables, and reports null for modules that are not there', async () => {
    const body = (await t.service({ method: 'GET', url: '/v1/status' })).json();
    const enabled = new Set(body.modules.filter((m: { enabled: boolean }) => m.enabled).map((m: { id: string }) => m.id));
    const resources = body.resources;
    const byModule: Record<string, string> = { branches: 'branches', backups: 'backups', webhooks: 'webhooks', realtime_subscriptions: 'realtime' };
    for (const [key, module] of Object.entries(byModule)) {
      const { rows } = await t.sql.query('SELECT to_regclass($1) IS NOT NULL AS present', [`trestle.${key}`]);
      if (enabled.has(module) && (rows[0].present || key === 'realtime_subscriptions')) {
        expect(resources.unavailable).not.toContain(key);
        expect(resources[key]).not.toBeNull();
      } else {
        expect(resources.unavailable).toContain(key);
        expect(resources[key]).toBeNull();
      }
    }
    if (enabled.has('realtime')) {
      await t.sql.query(`CREATE TABLE public.live (id int PRIMARY KEY)`);
      expect((await t.service({ method: 'POST', url: '/api/realtime/subscribe', payload: { table: 'live' } })).statusCode).toBe(201);
      expect((await t.service({ method: 'GET', url: '/v1/status' })).json().resources.realtime_subscriptions).toBe(resources.realtime_subscriptions + 1);
    }
  });

  it('counts live rows of a module table and ignores soft-deleted ones', async () => {
    await t.sql.query(`CREATE TABLE public.fake_webhooks (id serial, active boolean NOT NULL, deleted_at timestamptz)`);
    await t.sql.query(`INSERT INTO public.fake_webhooks (active, deleted_at) VALUES (true, NULL), (false, NULL), (true, now())`);
    expect(await countLiveRows(t.ctx.databases.control, 'public.fake_webhooks')).toEqual({ total: 2, active: 1 });
    await t.sql.query(`CREATE TABLE public.fake_branches (id serial, status text NOT NULL)`);
    await t.sql.query(`INSERT INTO public.fake_branches (status) VALUES ('ready'), ('deleted'), ('failed')`);
    expect(await countLiveRows(t.ctx.databases.control, 'public.fake_branches')).toEqual({ total: 2, active: 0 });
    const none = await moduleResourceCounts({ ...t.ctx, modules: t.ctx.modules.map((m) => ({ ...m, enabled: false, status: 'not_available' as const })) });
    expect(none).toEqual({
      branches: null, backups: null, webhooks: null, realtime_subscriptions: null, storage: null,
      unavailable: ['backups', 'branches', 'realtime_subscriptions', 'storage', 'webhooks'],
    });
  });

  it('lists modules truthfully and needs a service_role key', async () => {
    const { modules } = (await t.service({ method: 'GET', url: '/v1/modules' })).json();
    for (const id of ['platform', 'metrics', 'audit', 'projects', 'database']) {
      expect(modules.find((m: { id: string }) => m.id === id)).toMatchObject({ enabled: true, status: 'available' });
    }
    for (const url of ['/v1/status', '/v1/modules', '/v1/billing']) {
      expect((await t.anon({ method: 'GET', url })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it('answers Edge Functions calls with 501 MODULE_NOT_AVAILABLE, to browser apps too (CORS)', async () => {
    const base = await t.listen();
    const origin = 'http://localhost:5173';
    const preflight = await fetch(`${base}/functions/v1/hello`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'apikey, authorization, x-client-info, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);

    const supabase = createClient(base, t.anonKey, { auth: { persistSession: false }, global: { headers: { origin } } });
    const { error } = await supabase.functions.invoke('hello', { body: { name: 'tour' } });
    expect(error).toBeInstanceOf(FunctionsHttpError);
    const res = (error as FunctionsHttpError).context as Response;
    expect(res.status).toBe(501);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(await res.json()).toMatchObject({ code: 'MODULE_NOT_AVAILABLE', detail: { module: 'gateway' } });
  });
});
