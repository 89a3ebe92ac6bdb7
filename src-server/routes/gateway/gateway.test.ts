// Gateway rules through real HTTP: enforced on the data API, in order, validated, audited, read-only system rules.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';
import { rawRequest } from '../../../test/helpers/raw-http.js';
import type { GatewayRule, TestResult } from '../../gateway/types.js';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
  await t.sql.query(`
    CREATE TABLE public.orders (id int PRIMARY KEY, item text NOT NULL);
    CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL);
    INSERT INTO public.items VALUES (1, 'lamp');
  `);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await t.sql.query('DELETE FROM trestle.gateway_rules');
  await t.sql.query(`DELETE FROM public.orders; INSERT INTO public.orders VALUES (1, 'lamp'), (2, 'desk')`);
  await waitForRules(0);
});

async function userRules(): Promise<GatewayRule[]> {
  const res = await fetch(`${base}/v1/gateway/rules`, { headers: { apikey: t.serviceKey } });
  return ((await res.json()) as { rules: GatewayRule[] }).rules.filter((r) => !r.system);
}

/** Waits until the server has picked up a change made directly in SQL (NOTIFY). */
async function waitForRules(count: number): Promise<void> {
  for (let i = 0; i < 100 && t.app.gateway.compiled.all.length !== count; i++) await new Promise((r) => setTimeout(r, 20));
  expect(t.app.gateway.compiled.all.length).toBe(count);
}

async function addRule(rule: Record<string, unknown>, key = t.serviceKey): Promise<Response> {
  return fetch(`${base}/v1/gateway/rules`, { method: 'POST', headers: { apikey: key, 'content-type': 'application/json' }, body: JSON.stringify(rule) });
}

async function created(rule: Record<string, unknown>): Promise<GatewayRule> {
  const res = await addRule(rule);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { rule: GatewayRule }).rule;
}

const patch = (id: string, body: Record<string, unknown>) => fetch(`${base}/v1/gateway/rules/${encodeURIComponent(id)}`, {
  method: 'PATCH', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: JSON.stringify(body),
});

const db = (method: string, path: string, key = t.anonKey, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method, headers: { apikey: key, ...headers } });

const noAnonDeletes = { description: 'anon may not delete orders', match: { methods: ['DELETE'], path: '/v1/db/orders' }, authorize: { roles: ['authenticated', 'service_role'] } };

describe('a deny rule on the data API', () => {
  it('refuses DELETE /v1/db/orders for anon, however the path is spelled, and changes nothing', async () => {
    await created(noAnonDeletes);
    for (const path of ['/v1/db/orders?id=eq.1', '/v1/db/%6Frders?id=eq.1', '/v1/db/orders/?id=eq.1', '/%76%31/db/orders?id=eq.1']) {
      const res = await rawRequest(base, { method: 'DELETE', path, headers: { apikey: t.anonKey } });
      expect(res.status, path).toBe(403);
      expect(JSON.parse(res.body).code, path).toBe('GATEWAY_ROLE_NOT_ALLOWED');
    }
    expect((await t.sql.query('SELECT count(*)::int AS n FROM public.orders')).rows[0].n).toBe(2);
    expect((await db('GET', '/v1/db/orders')).status).toBe(200);
    expect((await db('DELETE', '/v1/db/items?id=eq.1')).status).toBe(200);
  });

  it('lets the roles it names through: a signed-in user and the service key', async () => {
    await created(noAnonDeletes);
    const jwt = mintJwt(t.ctx.jwtSecret, { sub: 'user-1' });
    expect((await db('DELETE', '/v1/db/orders?id=eq.1', t.anonKey, { authorization: `Bearer ${jwt}` })).status).toBe(200);
    expect((await db('DELETE', '/v1/db/orders?id=eq.2', t.serviceKey)).status).toBe(200);
    expect((await t.sql.query('SELECT count(*)::int AS n FROM public.orders')).rows[0].n).toBe(0);
  });

  it('applies to /rest/v1 as well: one data API, one resource name', async () => {
    await created(noAnonDeletes);
    for (const path of ['/rest/v1/orders?id=eq.1', '/rest/v1/%6Frders?id=eq.1', '/%72est/v1/orders/?id=eq.1']) {
      const res = await rawRequest(base, { method: 'DELETE', path, headers: { apikey: t.anonKey } });
      expect(res.status, path).toBe(403);
      // In PostgREST's error shape on /rest/v1.
      expect(JSON.parse(res.body), path).toMatchObject({ code: 'GATEWAY_ROLE_NOT_ALLOWED', message: expect.any(String) });
    }
    expect((await t.sql.query('SELECT count(*)::int AS n FROM public.orders')).rows[0].n).toBe(2);
    expect((await db('DELETE', '/rest/v1/orders?id=eq.1', t.serviceKey)).status).toBe(204);
    const explained = await explain({ method: 'DELETE', path: '/rest/v1/orders?id=eq.1', caller: 'anon_key' });
    expect(explained.matched_paths).toEqual(['/rest/v1/orders', '/v1/db/orders']);
    expect(explained.decision.code).toBe('GATEWAY_ROLE_NOT_ALLOWED');
    // A rule written for the /rest/v1 spelling holds on /v1/db.
    const written = await created({ match: { methods: ['GET'], path: '/rest/v1/items' }, authorize: { deny: true } });
    const viaTruss = await db('GET', '/v1/db/items');
    expect(viaTruss.status).toBe(403);
    expect(((await viaTruss.json()) as { detail: { rule_id: string } }).detail.rule_id).toBe(written.id);
  });

  it('requires a signed-in user where a rule accepts only a JWT', async () => {
    await created({ match: { path: '/v1/db/orders' }, authenticate: ['jwt'], authorize: { allow: true } });
    const res = await db('GET', '/v1/db/orders');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('GATEWAY_AUTHENTICATION_REQUIRED');
    const jwt = mintJwt(t.ctx.jwtSecret, { sub: 'user-1' });
    expect((await db('GET', '/v1/db/orders', t.anonKey, { authorization: `Bearer ${jwt}` })).status).toBe(200);
    // A user JWT alone is a credential on client routes too.
    expect((await fetch(`${base}/v1/db/orders`, { headers: { authorization: `Bearer ${jwt}` } })).status).toBe(200);
    const anonJwt = mintJwt(t.ctx.jwtSecret, { role: 'anon' });
    await created({ match: { methods: ['DELETE'], path: '/v1/db/orders' }, authorize: { roles: ['service_role'] }, position: 0 });
    const refused = await fetch(`${base}/v1/db/orders?id=eq.1`, { method: 'DELETE', headers: { authorization: `Bearer ${anonJwt}` } });
    expect(refused.status).toBe(403);
  });
});

describe('rule order and state', () => {
  it('the first matching rule decides; moving a rule changes the outcome on the next request', async () => {
    const allowOrders = await created({ match: { methods: ['GET'], path: '/v1/db/orders' }, authorize: { allow: true } });
    const denyAll = await created({ match: { methods: ['GET'], path: '/v1/db/*' }, authorize: { deny: true } });
    expect(denyAll.position).toBe(1);
    expect((await db('GET', '/v1/db/orders')).status).toBe(200);
    expect((await db('GET', '/v1/db/items')).status).toBe(403);
    const moved = await patch(denyAll.id, { position: 0 });
    expect(moved.status).toBe(200);
    expect((await userRules()).map((r) => r.id)).toEqual([denyAll.id, allowOrders.id]);
    expect((await db('GET', '/v1/db/orders')).status).toBe(403);
  });

  it('a rule created at a position goes before the rules from there on', async () => {
    const a = await created({ match: { path: '/v1/db/a' }, authorize: { allow: true } });
    const b = await created({ match: { path: '/v1/db/b' }, authorize: { allow: true } });
    const c = await created({ match: { path: '/v1/db/c' }, authorize: { allow: true }, position: 1 });
    expect((await userRules()).map((r) => [r.id, r.position])).toEqual([[a.id, 0], [c.id, 1], [b.id, 2]]);
    const del = await fetch(`${base}/v1/gateway/rules/${c.id}`, { method: 'DELETE', headers: { apikey: t.serviceKey } });
    expect(del.status).toBe(200);
    expect((await userRules()).map((r) => [r.id, r.position])).toEqual([[a.id, 0], [b.id, 1]]);
  });

  it('ignores disabled rules', async () => {
    const deny = await created({ match: { methods: ['GET'], path: '/v1/db/orders' }, authorize: { deny: true } });
    expect((await db('GET', '/v1/db/orders')).status).toBe(403);
    expect((await patch(deny.id, { enabled: false })).status).toBe(200);
    expect((await db('GET', '/v1/db/orders')).status).toBe(200);
    const off = await created({ match: { path: '/v1/db/items' }, authorize: { deny: true }, enabled: false });
    expect(off.enabled).toBe(false);
    expect((await db('GET', '/v1/db/items')).status).toBe(200);
  });

  it('picks up rules changed directly in SQL', async () => {
    await created({ match: { methods: ['GET'], path: '/v1/db/orders' }, authorize: { deny: true } });
    expect((await db('GET', '/v1/db/orders')).status).toBe(403);
    await t.sql.query(`UPDATE trestle.gateway_rules SET enabled = false`);
    for (let i = 0; i < 100 && t.app.gateway.compiled.byMethod.get('GET')!.length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await db('GET', '/v1/db/orders')).status).toBe(200);
  });

  it('limits the rate of the requests a rule lets through', async () => {
    await created({ match: { methods: ['GET'], path: '/v1/db/items' }, authorize: { allow: true }, rate_limit: { requests_per_minute: 3 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await db('GET', '/v1/db/items')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await db('GET', '/v1/db/items');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Per caller: another key has its own budget.
    expect((await db('GET', '/v1/db/items', t.serviceKey)).status).toBe(200);
    expect((await db('GET', '/v1/db/orders')).status).toBe(200);
  });
});

describe('management', () => {
  it('audits every change', async () => {
    const rule = await created({ description: 'audited', match: { path: '/v1/db/orders' }, authorize: { allow: true } });
    await patch(rule.id, { description: 'still audited' });
    await fetch(`${base}/v1/gateway/rules/${rule.id}`, { method: 'DELETE', headers: { apikey: t.serviceKey } });
    const { rows } = await t.sql.query(`SELECT action, actor FROM trestle.audit_log WHERE resource_id = $1 ORDER BY id`, [rule.id]);
    expect(rows).toEqual(['create', 'update', 'delete'].map((a) => ({ action: `gateway.rule.${a}`, actor: `key:${t.serviceKey.slice(0, 12)}` })));
  });

  it('answers bad rules with 400 and changes nothing', async () => {
    const kept = await created({ match: { path: '/v1/db/orders' }, authorize: { allow: true } });
    const auditBefore = (await t.sql.query('SELECT count(*)::int AS n FROM trestle.audit_log')).rows[0].n;
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ match: { path: '/v1/db/[orders' }, authorize: { allow: true } }, 'match.path'],
      [{ match: { path: 'v1/db/orders' }, authorize: { allow: true } }, 'match.path'],
      [{ match: { path: '/v1/db/orders' }, authorize: { roles: ['admin'] } }, 'authorize.roles'],
      [{ match: { path: '/v1/db/orders' }, authorize: { allow: true, deny: true } }, 'authorize'],
      [{ match: { path: '/v1/db/orders', methods: ['FETCH'] }, authorize: { allow: true } }, 'match.methods'],
      [{ match: { path: '/v1/db/orders' }, authenticate: ['password'], authorize: { allow: true } }, 'authenticate'],
      [{ match: { path: '/v1/db/orders' }, authenticate: ['anonymous'], authorize: { allow: true } }, 'authenticate'],
      [{ match: { path: '/functions/v1/**' }, authorize: { allow: true }, upstream: 'ftp://127.0.0.1:9000' }, 'upstream'],
      [{ match: { path: '/functions/v1/**' }, authorize: { allow: true }, upstream: 'not a url' }, 'upstream'],
      [{ match: { path: '/v1/db/orders' }, authorize: { allow: true }, upstream: 'http://127.0.0.1:9000' }, 'upstream'],
      [{ match: { path: '/api/**' }, authorize: { deny: true } }, 'match.path'],
      [{ match: { path: '/api/keys' }, authorize: { allow: true } }, 'match.path'],
      [{ match: { path: '/v1/sql' }, authorize: { allow: true } }, 'match.path'],
      [{ match: { path: '/v1/**' }, authorize: { deny: true } }, 'match.path'],
      [{ match: { path: '/v1/gateway/rules/*' }, authorize: { allow: true } }, 'match.path'],
      [{ match: { path: '/v1/db/orders' }, authorize: { allow: true }, rate_limit: { requests_per_minute: 0 } }, 'rate_limit.requests_per_minute'],
      [{ match: { path: '/healthz' }, authorize: { deny: true } }, 'match.path'],
    ];
    for (const [rule, field] of bad) {
      const res = await addRule(rule);
      const body = (await res.json()) as { code: string; detail: { field: string } };
      expect(res.status, JSON.stringify(rule)).toBe(400);
      expect(body.code, JSON.stringify(rule)).toBe('INVALID_RULE');
      expect(body.detail.field, JSON.stringify(rule)).toBe(field);
    }
    const badPatch = await patch(kept.id, { authorize: { roles: ['root'] } });
    expect(badPatch.status).toBe(400);
    const shapeless = await addRule({ match: { path: '/v1/db/orders' }, authorize: { allow: true }, unknown: 1 });
    expect(shapeless.status).toBe(400);
    expect(await userRules()).toEqual([kept]);
    expect((await t.sql.query('SELECT count(*)::int AS n FROM trestle.audit_log')).rows[0].n).toBe(auditBefore);
  });

  it('is for the service key and the dashboard only', async () => {
    expect((await addRule({ match: { path: '/v1/db/orders' }, authorize: { allow: true } }, t.anonKey)).status).toBe(403);
    expect((await fetch(`${base}/v1/gateway/rules`, { headers: { apikey: t.anonKey } })).status).toBe(403);
    expect((await fetch(`${base}/api/gateway/rules`, { headers: { apikey: t.anonKey } })).status).toBe(403);
    expect((await fetch(`${base}/api/gateway/rules`, { headers: { apikey: t.serviceKey } })).status).toBe(200);
  });
});

describe('system rules', () => {
  it('tell the truth about every route, from the route table', async () => {
    const res = await fetch(`${base}/v1/gateway/rules`, { headers: { apikey: t.serviceKey } });
    const system = ((await res.json()) as { rules: GatewayRule[] }).rules.filter((r) => r.system);
    const routes = t.app.routeAccess().filter((r) => r.method !== 'OPTIONS');
    for (const route of routes) {
      expect(system.some((s) => s.route!.url === route.url && s.route!.access.join() === route.access.join()), route.url).toBe(true);
    }
    const data = system.find((s) => s.route!.url === '/v1/db/:table')!;
    expect(data).toMatchObject({ match: { path: '/v1/db/*', methods: ['DELETE', 'GET', 'PATCH', 'POST'] }, authenticate: ['api_key', 'jwt'], enabled: true, position: null });
    expect(system.find((s) => s.route!.url === '/v1/sql')).toMatchObject({ authenticate: ['api_key'], authorize: { roles: ['service_role'] } });
    expect(system.find((s) => s.route!.url === '/api/keys')!.authenticate).toContain('dashboard_session');
    expect(system.find((s) => s.route!.url === '/healthz')).toMatchObject({ authenticate: ['anonymous'], authorize: { allow: true } });
  });

  it('are read-only', async () => {
    const id = 'system:client:/v1/db/:table';
    const before = await fetch(`${base}/v1/gateway/rules/${encodeURIComponent(id)}`, { headers: { apikey: t.serviceKey } });
    expect(before.status).toBe(200);
    const edit = await patch(id, { enabled: false });
    expect(edit.status).toBe(403);
    expect(((await edit.json()) as { code: string }).code).toBe('SYSTEM_RULE_READ_ONLY');
    const del = await fetch(`${base}/v1/gateway/rules/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { apikey: t.serviceKey } });
    expect(del.status).toBe(403);
    expect((await db('GET', '/v1/db/orders')).status).toBe(200);
    expect((await fetch(`${base}/v1/gateway/rules/system:nothing`, { method: 'DELETE', headers: { apikey: t.serviceKey } })).status).toBe(404);
  });
});

async function explain(body: Record<string, unknown>): Promise<TestResult> {
  const res = await fetch(`${base}/api/gateway/test`, { method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as TestResult;
}

describe('the tester', () => {
  it('agrees with what the server does, and says which rule decides and why', async () => {
    const allow = await created({ description: 'orders are public', match: { methods: ['GET'], path: '/v1/db/orders' }, authorize: { allow: true } });
    const deny = await created({ description: 'nothing else', match: { path: '/v1/db/*' }, authorize: { roles: ['service_role'] } });
    const cases: Array<[string, string, 'anon_key' | 'service_key' | 'none']> = [
      ['GET', '/v1/db/orders', 'anon_key'], ['GET', '/v1/db/items', 'anon_key'], ['GET', '/v1/db/items', 'service_key'],
      ['DELETE', '/v1/db/orders?id=eq.9', 'anon_key'], ['GET', '/v1/db/orders', 'none'], ['POST', '/v1/sql', 'anon_key'], ['GET', '/v1/nothing', 'anon_key'],
      ['HEAD', '/v1/db/orders', 'anon_key'], ['HEAD', '/v1/db/items', 'anon_key'],
    ];
    for (const [method, path, caller] of cases) {
      const explained = await explain({ method, path, caller });
      const key = caller === 'anon_key' ? t.anonKey : caller === 'service_key' ? t.serviceKey : undefined;
      const real = await fetch(`${base}${path}`, { method, headers: key ? { apikey: key } : {} });
      expect(explained.decision.allowed, `${method} ${path} ${caller}`).toBe(real.status < 400);
      if (!explained.decision.allowed) expect(explained.decision.status, `${method} ${path} ${caller}`).toBe(real.status);
    }
    const items = await explain({ method: 'GET', path: '/v1/db/items', caller: 'anon_key' });
    expect(items.route).toMatchObject({ url: '/v1/db/:table', access: ['client'] });
    expect(items.decision).toMatchObject({ allowed: false, decided_by: deny.id, code: 'GATEWAY_ROLE_NOT_ALLOWED' });
    expect(items.steps.map((s) => [s.rule_id, s.result])).toEqual([[allow.id, 'path_mismatch'], [deny.id, 'decides']]);
    const jwt = await explain({ method: 'GET', path: '/v1/db/items', caller: 'jwt', jwt_role: 'service_role' });
    expect(jwt.decision.allowed).toBe(true);
    const management = await explain({ method: 'POST', path: '/v1/sql', caller: 'service_key' });
    expect(management).toMatchObject({ rules_apply: false, decision: { allowed: true, decided_by: 'system:service_role:/v1/sql' } });
  });
});

describe('health', () => {
  it('reports each module and upstream', async () => {
    await created({ match: { path: '/functions/v1/**' }, authorize: { allow: true }, upstream: 'http://127.0.0.1:9' });
    const res = await fetch(`${base}/v1/gateway/health`, { headers: { apikey: t.serviceKey } });
    expect(res.status).toBe(200);
    const health = (await res.json()) as { status: string; modules: Array<{ id: string; status: string; latency_ms: number | null }>; upstreams: Array<{ url: string; status: string }> };
    expect(health.modules.find((m) => m.id === 'rest')).toMatchObject({ status: 'up' });
    expect(health.modules.find((m) => m.id === 'gateway')!.latency_ms).toBeGreaterThanOrEqual(0);
    expect(health.modules.find((m) => m.id === 'oauth2')).toMatchObject({ status: 'up' });
    expect(health.upstreams).toEqual([expect.objectContaining({ url: 'http://127.0.0.1:9', status: 'down' })]);
    expect(health.status).toBe('degraded');
  });
});
