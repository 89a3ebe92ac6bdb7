import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const logs = async (query = '') => t.service({ method: 'GET', url: `/v1/audit-logs${query}` });

/** Signs in like the dashboard does: launch token → session and CSRF cookies. */
async function dashboardSession() {
  const launch = await t.app.inject({ method: 'GET', url: '/auth/launch?token=test-dashboard-token-0123456789' });
  const cookies = Object.fromEntries(launch.cookies.map((c) => [c.name, c.value]));
  return {
    cookie: `trestle_session=${cookies.trestle_session}; trestle_csrf=${cookies.trestle_csrf}`,
    csrf: cookies.trestle_csrf as string,
  };
}

describe('audit log', () => {
  it('records each mutation type with actor, resource and request id', async () => {
    const created = await t.service({ method: 'POST', url: '/api/keys', payload: { keyType: 'anon', label: 'audited' }, headers: { 'x-request-id': 'req-create-1' } });
    const { key } = created.json();
    await t.service({ method: 'PATCH', url: `/api/keys/${key.id}`, payload: { rate_limit: 9 } });
    const rotated = (await t.service({ method: 'POST', url: `/v1/keys/${key.id}/rotate` })).json();
    await t.service({ method: 'DELETE', url: `/v1/keys/${rotated.new_key.id}` });
    await t.service({ method: 'PATCH', url: '/v1/projects/local', payload: { name: 'Audited project' } });
    await t.service({ method: 'PATCH', url: '/v1/projects/local', payload: { status: 'paused' } });
    await t.service({ method: 'PATCH', url: '/v1/projects/local', payload: { status: 'active' } });
    const session = await dashboardSession();
    const logout = await t.app.inject({ method: 'POST', url: '/api/session/logout', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    expect(logout.statusCode).toBe(200);

    const res = await logs('?limit=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const actions = body.entries.map((e: { action: string }) => e.action);
    for (const action of ['key.create', 'key.update', 'key.rotate', 'key.revoke', 'project.rename', 'project.pause', 'project.resume', 'session.logout']) {
      expect(actions).toContain(action);
    }
    expect(body.total).toBe(body.entries.length);
    expect(body.facets.actions).toEqual(expect.arrayContaining(['key.create', 'project.pause', 'session.logout']));
    expect(body.facets.resource_types).toEqual(expect.arrayContaining(['api_key', 'project', 'dashboard_session']));

    const create = body.entries.find((e: { action: string }) => e.action === 'key.create');
    expect(create).toMatchObject({
      actor: `key:${t.serviceKey.slice(0, 12)}`, resource_type: 'api_key', resource_id: key.id, request_id: 'req-create-1',
      detail: { key_type: 'anon', label: 'audited' },
    });
    expect(Date.parse(create.at)).not.toBeNaN();
    const pause = body.entries.find((e: { action: string }) => e.action === 'project.pause');
    expect(pause.detail).toEqual({ before: { name: 'Audited project', status: 'active' }, after: { name: 'Audited project', status: 'paused' } });
    expect(body.entries.find((e: { action: string }) => e.action === 'session.logout').actor).toBe('dashboard');
    // Newest first.
    const times = body.entries.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by action, resource type, actor and time, and pages with a total', async () => {
    const byAction = (await logs('?action=key.create')).json();
    expect(byAction.entries.length).toBeGreaterThan(0);
    expect(byAction.entries.every((e: { action: string }) => e.action === 'key.create')).toBe(true);
    const byType = (await logs('?resource_type=project')).json();
    expect(byType.total).toBe(3);
    expect(byType.entries.every((e: { resource_type: string }) => e.resource_type === 'project')).toBe(true);
    expect((await logs('?actor=dashboard')).json().total).toBe(1);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await logs(`?since=${encodeURIComponent(future)}`)).json()).toMatchObject({ total: 0, entries: [] });
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const all = (await logs(`?since=${encodeURIComponent(past)}`)).json();
    expect(all.total).toBeGreaterThanOrEqual(8);

    const page1 = (await logs('?limit=2')).json();
    const page2 = (await logs('?limit=2&offset=2')).json();
    expect(page1).toMatchObject({ limit: 2, offset: 0, total: all.total });
    expect(page1.entries).toHaveLength(2);
    expect(page2.entries[0].id).not.toBe(page1.entries[1].id);
    expect(page2.entries[0].id).toBe(all.entries[2].id);
    expect((await logs()).json().limit).toBe(50);
  });

  it('rejects bad filters with 400 in the error format', async () => {
    for (const q of ['limit=0', 'limit=201', 'limit=abc', 'offset=-1', 'since=yesterday', 'since=2024-13-45T00:00:00Z', 'action=', 'colour=red']) {
      const res = await logs(`?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json(), q).toMatchObject({ code: 'VALIDATION_ERROR', error: expect.any(String), message: expect.any(String), hint: null });
    }
  });

  it('needs a service_role key on /v1 and dashboard credentials on /api', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/audit-logs' })).json().code).toBe('MISSING_API_KEY');
    const anon = await t.anon({ method: 'GET', url: '/v1/audit-logs' });
    expect(anon.statusCode).toBe(403);
    expect(anon.json().code).toBe('INSUFFICIENT_PERMISSIONS');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit-logs' })).statusCode).toBe(401);
    expect((await t.anon({ method: 'GET', url: '/api/audit-logs' })).statusCode).toBe(403);
    const session = await dashboardSession();
    const viaSession = await t.app.inject({ method: 'GET', url: '/api/audit-logs?resource_type=api_key&limit=5', headers: { cookie: session.cookie } });
    expect(viaSession.statusCode).toBe(200);
    expect(viaSession.json().entries.length).toBeGreaterThan(0);
  });

  it('fails the mutation when its audit entry cannot be written', async () => {
    await t.sql.query(`ALTER TABLE trestle.audit_log ADD CONSTRAINT no_renames CHECK (action NOT IN ('project.rename', 'key.create')) NOT VALID`);
    try {
      const before = (await t.sql.query(`SELECT name FROM trestle.project WHERE id = 'local'`)).rows[0].name;
      const rename = await t.service({ method: 'PATCH', url: '/v1/projects/local', payload: { name: 'Never saved' } });
      expect(rename.statusCode).toBe(500);
      expect(rename.json()).toMatchObject({ code: 'AUDIT_WRITE_FAILED', error: expect.stringContaining('not made') });
      expect((await t.sql.query(`SELECT name FROM trestle.project WHERE id = 'local'`)).rows[0].name).toBe(before);

      const keysBefore = (await t.sql.query('SELECT count(*)::int AS n FROM trestle.api_keys')).rows[0].n;
      const create = await t.service({ method: 'POST', url: '/v1/keys', payload: { key_type: 'anon', label: 'never' } });
      expect(create.statusCode).toBe(500);
      expect((await t.sql.query('SELECT count(*)::int AS n FROM trestle.api_keys')).rows[0].n).toBe(keysBefore);
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM trestle.api_keys WHERE label = 'never'`)).rows[0].n).toBe(0);
    } finally {
      await t.sql.query('ALTER TABLE trestle.audit_log DROP CONSTRAINT no_renames');
    }
    const after = await t.service({ method: 'PATCH', url: '/v1/projects/local', payload: { name: 'Saved now' } });
    expect(after.statusCode).toBe(200);
  });
});
