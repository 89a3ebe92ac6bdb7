// Attacks on the HTTP edge, through real HTTP. This file grows with every finding: add the attack that found a hole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { HttpReceiver } from '../../test/helpers/http-receiver.js';
import { mintJwt } from '../../test/helpers/jwt.js';
import { rawRequest } from '../../test/helpers/raw-http.js';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
  await t.sql.query(`
    CREATE TABLE public.secrets (id int PRIMARY KEY, owner text NOT NULL, body text NOT NULL);
    INSERT INTO public.secrets VALUES (1, 'alice', 'alice only'), (2, 'bob', 'bob only');
    ALTER TABLE public.secrets ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own ON public.secrets FOR SELECT TO authenticated USING (owner = auth.jwt() ->> 'sub');
  `);
});
afterAll(async () => {
  await t?.close();
});

/** A concrete path for a route pattern: params and wildcards filled with harmless values. */
function concrete(url: string): string {
  return url
    .replace(/:id\b/g, '00000000-0000-0000-0000-000000000000')
    .replace(/:schema\b/g, 'public')
    .replace(/:[A-Za-z_]+/g, 'x')
    .replace(/\*/g, 'x');
}

const pct = (c: string) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

/** Ways to spell the same path that a router may match while a string check would not. */
function spellings(path: string): string[] {
  const segments = path.split('/').slice(1);
  const out = new Set<string>([path]);
  for (let i = 1; i < path.length; i++) {
    if (path[i] !== '/') out.add(path.slice(0, i) + pct(path[i]) + path.slice(i + 1));
  }
  out.add('/' + segments.map((s) => [...s].map(pct).join('')).join('/'));
  out.add('/' + path);
  out.add('//' + path.slice(1).replace('/', '//'));
  out.add('/./' + path.slice(1));
  out.add('/x/../' + path.slice(1));
  out.add(path.replace('/', '/./'));
  out.add(path + ';x=1');
  out.add('/' + segments[0] + ';x/' + segments.slice(1).join('/'));
  out.add(path.toUpperCase());
  out.add('/' + segments[0].toUpperCase() + '/' + segments.slice(1).join('/'));
  out.add(path + '/');
  out.add(path.replace(/\//g, '%2F'));
  out.add('/' + segments[0] + '%2F' + segments.slice(1).join('/'));
  out.add('/' + segments[0] + '%2f' + segments.slice(1).join('%2f'));
  out.add(path.replace(/^\/(.)/, (_m, c: string) => '/%25' + c.charCodeAt(0).toString(16)));
  out.add(path.replace('/', '\\'));
  out.add(path + '?x=1#frag');
  out.add(path + '%00');
  return [...out];
}

describe('no spelling of a path reaches a route without its checks', () => {
  it('answers every protected route, however spelled, without credentials with a 4xx and never its content', async () => {
    const routes = t.app.routeAccess().filter((r) => !r.access.includes('public') && r.method !== 'OPTIONS' && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(60);
    const attempts = routes.flatMap((route) => {
      const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) ? '{}' : undefined;
      const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
      return spellings(concrete(route.url)).map((path) => ({ method: route.method, path, headers, body }));
    });
    expect(attempts.length).toBeGreaterThan(1000);
    const failures: string[] = [];
    const queue = [...attempts];
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        const res = await rawRequest(base, a);
        if (res.status < 400 || res.status >= 500) failures.push(`${a.method} ${a.path} → ${res.status} ${res.body.slice(0, 80)}`);
      }
    }));
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses the spellings that used to bypass authentication', async () => {
    const sql = await rawRequest(base, { method: 'POST', path: '/%76%31/sql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'select 1' }) });
    expect(sql.status).toBe(401);
    const connect = await rawRequest(base, { method: 'GET', path: '/%61pi/connect' });
    expect(connect.status).toBe(401);
    expect(connect.body).not.toContain('postgres');
  });

  it('refuses anon keys on management and dashboard routes however spelled', async () => {
    for (const path of ['/v1/keys', '/%76%31/keys', '/v1/keys/', '/api/keys', '/%61pi/keys', '/api//keys']) {
      const res = await rawRequest(base, { method: 'GET', path, headers: { apikey: t.anonKey } });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.body, path).not.toContain('truss_');
    }
  });

  it('refuses WebSocket upgrades without credentials', async () => {
    const sockets = t.app.routeAccess().filter((r) => r.websocket && !r.access.includes('public'));
    expect(sockets.length).toBeGreaterThan(0);
    for (const route of sockets) {
      for (const path of spellings(concrete(route.url)).slice(0, 6)) {
        const res = await rawRequest(base, {
          method: 'GET', path,
          headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
        });
        expect(res.status, path).not.toBe(101);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
      }
    }
  });
});

describe('every route declares its access level', () => {
  it('refuses to start with a route that declares none', async () => {
    const plugin = async (app: import('fastify').FastifyInstance) => {
      app.get('/v1/undeclared', async () => ({ ok: true }));
    };
    await expect(createTestApp({}, { plugins: { platform: plugin } })).rejects.toThrow(/without an access level.*\/v1\/undeclared/);
  });
});

describe('JWT precedence and token rules', () => {
  const get = (headers: Record<string, string>) => fetch(`${base}/v1/db/secrets?select=body&order=id`, { headers });

  it('a verified Bearer JWT sets the role even with the service key in apikey', async () => {
    const res = await get({ apikey: t.serviceKey, authorization: `Bearer ${mintJwt(t.ctx.jwtSecret, { sub: 'alice' })}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ body: 'alice only' }]);
  });

  it('a Bearer value that is an API key is that key', async () => {
    const asService = await get({ apikey: t.anonKey, authorization: `Bearer ${t.serviceKey}` });
    expect(((await asService.json()) as Array<{ body: string }>).map((r) => r.body)).toEqual(['alice only', 'bob only']);
    const asAnon = await get({ apikey: t.serviceKey, authorization: `Bearer ${t.anonKey}` });
    expect(await asAnon.json()).toEqual([]);
  });

  it('refuses tokens without exp, expired, forged or unsigned', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { signJwt } = await import('./jwt.js');
    const noExp = signJwt({ sub: 'alice', role: 'authenticated', iat: now }, t.ctx.jwtSecret);
    const res = await get({ apikey: t.anonKey, authorization: `Bearer ${noExp}` });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('PGRST303');
    const forged = signJwt({ sub: 'alice', role: 'service_role', exp: now + 60 }, 'not-the-secret');
    expect((await get({ apikey: t.anonKey, authorization: `Bearer ${forged}` })).status).toBe(401);
    const expired = mintJwt(t.ctx.jwtSecret, { sub: 'alice' }, { expiresIn: -3600 });
    expect((await get({ apikey: t.anonKey, authorization: `Bearer ${expired}` })).status).toBe(401);
  });

  it('checks aud when an audience is configured', async () => {
    const previous = t.ctx.jwt.policy;
    t.ctx.jwt.policy = { requireExp: true, audience: 'authenticated' };
    try {
      const wrong = await get({ apikey: t.anonKey, authorization: `Bearer ${mintJwt(t.ctx.jwtSecret, { sub: 'alice', aud: 'other' })}` });
      expect(wrong.status).toBe(401);
      const right = await get({ apikey: t.anonKey, authorization: `Bearer ${mintJwt(t.ctx.jwtSecret, { sub: 'alice', aud: 'authenticated' })}` });
      expect(right.status).toBe(200);
    } finally {
      t.ctx.jwt.policy = previous;
    }
  });
});

describe('no superuser on the data path', () => {
  beforeAll(async () => {
    await t.sql.query(`
      CREATE FUNCTION public.escalate(how text) RETURNS SETOF public.secrets LANGUAGE plpgsql AS $$
      BEGIN
        IF how = 'reset' THEN RESET ROLE;
        ELSIF how = 'set_postgres' THEN SET ROLE postgres;
        ELSIF how = 'set_config' THEN PERFORM set_config('role', 'postgres', true);
        ELSIF how = 'session_authorization' THEN SET SESSION AUTHORIZATION postgres;
        END IF;
        RETURN QUERY SELECT * FROM public.secrets;
      END $$;
      CREATE FUNCTION public.whoami() RETURNS json LANGUAGE sql AS $$
        SELECT json_build_object('user', current_user, 'session', session_user,
          'super', (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
          'search_path', current_setting('search_path'))
      $$;
      CREATE FUNCTION public.pollute() RETURNS void LANGUAGE sql AS $$
        SELECT set_config('search_path', 'pg_temp', false), set_config('statement_timeout', '1', false)
      $$;
    `);
  });

  it('a function that tries to become the owner gets an error or its own role, never the rows', async () => {
    for (const how of ['reset', 'set_postgres', 'set_config', 'session_authorization']) {
      const res = await fetch(`${base}/v1/db/rpc/escalate`, {
        method: 'POST', headers: { apikey: t.anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ how }),
      });
      const text = await res.text();
      expect(text, how).not.toContain('alice only');
      expect(res.status, how).toBeGreaterThanOrEqual(400);
      expect(res.status, how).toBeLessThan(500);
    }
  });

  it('the service key acts as service_role on the authenticator login, not as a superuser', async () => {
    const res = await fetch(`${base}/v1/db/rpc/whoami`, { method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: '{}' });
    expect(await res.json()).toMatchObject({ user: 'service_role', session: 'authenticator', super: false });
  });

  it('session settings changed by a function do not reach the next request on the connection', async () => {
    for (let i = 0; i < 12; i++) {
      await fetch(`${base}/v1/db/rpc/pollute`, { method: 'POST', headers: { apikey: t.anonKey, 'content-type': 'application/json' }, body: '{}' });
    }
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${base}/v1/db/rpc/whoami`, { method: 'POST', headers: { apikey: t.anonKey, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { search_path: string }).search_path).toBe('"$user", public');
    }
  });

  it('a failed /v1/sql that switched the session authorization does not poison later requests', async () => {
    const sql = (text: string) => fetch(`${base}/v1/sql`, {
      method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: JSON.stringify({ sql: text }),
    });
    for (let i = 0; i < 12; i++) {
      const bad = await sql('COMMIT; SET SESSION AUTHORIZATION anon; SET search_path = pg_temp; SELECT 1/0');
      expect(bad.status).toBe(400);
    }
    for (let i = 0; i < 12; i++) {
      const ok = await sql('SELECT current_user AS u, session_user AS s, current_setting(\'search_path\') AS p');
      const { rows } = (await ok.json()) as { rows: Array<{ u: string; s: string; p: string }> };
      expect(rows[0].u).toBe(rows[0].s);
      expect(rows[0].u).not.toBe('anon');
      // The owner role's default, as Supabase's postgres role has it (auth migration 60).
      expect(rows[0].p).toBe('"$user", public, extensions');
    }
  });

  it('answers SQL errors about the request with 400, never 500', async () => {
    const res = await fetch(`${base}/v1/sql`, {
      method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: "SELECT set_config('search_path', 'x', false); CREATE TABLE nowhere_schema.t (id int)" }),
    });
    expect(res.status).toBe(400);
    const unsupported = await fetch(`${base}/v1/sql`, {
      method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'SELECT * FROM pg_catalog.does_not_exist' }),
    });
    expect(unsupported.status).toBe(404);
  });
});

describe('CORS for browser apps, never for the dashboard API', () => {
  const origin = 'http://localhost:5173';

  it('answers a preflight on a client route without a key, reflecting the origin and the requested headers', async () => {
    const res = await fetch(`${base}/v1/db/secrets`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'apikey, authorization, x-client-info, content-type, prefer' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-headers')).toContain('x-client-info');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('exposes Content-Range and the rate-limit headers on the actual response', async () => {
    const res = await fetch(`${base}/v1/db/secrets`, { headers: { origin, apikey: t.anonKey } });
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const exposed = res.headers.get('access-control-expose-headers') ?? '';
    for (const h of ['Content-Range', 'X-RateLimit-Remaining', 'X-Total-Count', 'Link', 'Location', 'X-Supabase-Api-Version', 'x-sb-error-code']) expect(exposed).toContain(h);
    const unauthorized = await fetch(`${base}/v1/db/secrets`, { headers: { origin } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('never answers /api or the management API cross-origin', async () => {
    for (const path of ['/api/keys', '/v1/keys', '/api/sql/query']) {
      const pre = await fetch(`${base}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    const withKey = await fetch(`${base}/api/keys`, { headers: { origin, apikey: t.serviceKey } });
    expect(withKey.status).toBe(403);
    expect(withKey.headers.get('access-control-allow-origin')).toBeNull();
    const crossSite = await fetch(`${base}/api/keys`, { method: 'POST', headers: { 'sec-fetch-site': 'same-site', apikey: t.serviceKey, 'content-type': 'application/json' }, body: '{"keyType":"anon"}' });
    expect(crossSite.status).toBe(403);
  });

  it('keeps the dashboard out of frames', async () => {
    const res = await fetch(`${base}/tables`);
    if (res.headers.get('content-type')?.includes('text/html')) {
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('Host header', () => {
  it('parses the authority strictly', async () => {
    for (const host of ['localhost:8787@evil.example', 'evil.example', '127.0.0.1.evil.example', 'localhost:99999', 'localhost x', '[::1]:80:80']) {
      const res = await rawRequest(base, { method: 'GET', path: '/healthz', headers: { host } });
      expect(res.status, host).toBe(403);
    }
    for (const host of ['localhost', 'localhost:8787', '127.0.0.1:1', '[::1]:8787', 'app.localhost']) {
      const res = await rawRequest(base, { method: 'GET', path: '/healthz', headers: { host } });
      expect(res.status, host).toBe(200);
    }
  });
});

describe('bad input never answers 500', () => {
  it('refuses deeply nested JSON and NUL characters with 400', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await fetch(`${base}/v1/db/secrets`, { method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: deep });
    expect(res.status).toBe(400);
    const nulPath = await fetch(`${base}/v1/db/secrets?select=body->>a%00b`, { headers: { apikey: t.serviceKey } });
    expect(nulPath.status).toBeGreaterThanOrEqual(400);
    expect(nulPath.status).toBeLessThan(500);
    const nulFilter = await fetch(`${base}/v1/db/secrets?body=eq.a%00b`, { headers: { apikey: t.serviceKey } });
    expect(nulFilter.status).toBeGreaterThanOrEqual(400);
    expect(nulFilter.status).toBeLessThan(500);
  });

  it('limits JSON bodies on the data API', async () => {
    const big = JSON.stringify({ id: 3, owner: 'x', body: 'y'.repeat(2 * 1024 * 1024) });
    const res = await fetch(`${base}/v1/db/secrets`, { method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect((await t.sql.query('SELECT count(*)::int AS n FROM public.secrets')).rows[0].n).toBe(2);
  });
});

describe('keys', () => {
  it('a key can have no rate limit', async () => {
    const created = await t.service({ method: 'POST', url: '/v1/keys', payload: { key_type: 'anon', rate_limit: null } });
    expect(created.statusCode).toBe(201);
    expect(created.json().key.rate_limit).toBeNull();
    const res = await fetch(`${base}/v1/db/secrets`, { headers: { apikey: created.json().secret } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });
  it('throttles an address that floods unknown keys, without locking out its known keys', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 80; i++) {
      const res = await fetch(`${base}/v1/db/secrets`, { headers: { apikey: `truss_pk_unknown${i.toString().padStart(40, '0')}` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const known = await fetch(`${base}/v1/db/secrets`, { headers: { apikey: t.anonKey } });
    expect(known.status).toBe(200);
  });

});

describe('readiness', () => {
  it('/readyz checks the database, /healthz only the process', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});

describe('gateway rules and upstreams', () => {
  const receiver = new HttpReceiver();
  const rule = (body: Record<string, unknown>) => fetch(`${base}/v1/gateway/rules`, {
    method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  beforeAll(async () => {
    await receiver.start();
  });
  afterAll(async () => {
    await t.sql.query('DELETE FROM trestle.gateway_rules');
    await receiver.stop();
  });

  it('no spelling of a denied data API path gets through', async () => {
    expect((await rule({ match: { methods: ['DELETE', 'PATCH'], path: '/v1/db/secrets' }, authorize: { deny: true } })).status).toBe(201);
    for (const method of ['DELETE', 'PATCH']) {
      for (const path of [...spellings('/v1/db/secrets'), ...spellings('/rest/v1/secrets')]) {
        const res = await rawRequest(base, { method, path: `${path.split('?')[0]}?id=gt.0`, headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: method === 'PATCH' ? '{"body":"x"}' : undefined });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      }
    }
    const { rows } = await t.sql.query('SELECT body FROM public.secrets ORDER BY id');
    expect(rows.map((r) => r.body)).toEqual(['alice only', 'bob only']);
  });

  it('rules cannot reach management or dashboard routes, however the glob spells them', async () => {
    for (const path of ['/%61pi/keys', '/api/**', '/v1/sq?', '/v1/{sql,db/x}', '/v1/keys/*', '/**', '/v1/gateway/rules', '/v1/*/rules']) {
      const res = await rule({ match: { path }, authorize: { allow: true } });
      expect(res.status, path).toBe(400);
    }
  });

  it('an allow rule never lets a request through without the key its route requires', async () => {
    expect((await rule({ match: { path: '/v1/db/secrets' }, authorize: { allow: true } })).status).toBe(201);
    const res = await rawRequest(base, { method: 'GET', path: '/v1/db/secrets' });
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('alice only');
  });

  it('no spelling of an upstream path reaches the service without the credentials its rule requires', async () => {
    const created = await rule({ match: { path: '/functions/v1/private/**' }, authorize: { roles: ['service_role'] }, upstream: receiver.url });
    expect(created.status).toBe(201);
    const attempts = spellings('/functions/v1/private/x');
    for (const path of attempts) {
      for (const headers of [{}, { apikey: t.anonKey }, { apikey: t.anonKey, 'x-trestle-role': 'service_role' }] as Array<Record<string, string>>) {
        const res = await rawRequest(base, { method: 'GET', path, headers });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(400);
      }
    }
    expect(receiver.received).toEqual([]);
    const ok = await rawRequest(base, { method: 'GET', path: '/functions/v1/private/x', headers: { apikey: t.serviceKey } });
    expect(ok.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
  });

  it('callers cannot forge the identity headers an upstream trusts, nor pass it the dashboard session', async () => {
    expect((await rule({ match: { path: '/functions/v1/open/**' }, authenticate: ['anonymous'], authorize: { allow: true }, upstream: receiver.url })).status).toBe(201);
    receiver.received.length = 0;
    const forged = { 'x-trestle-role': 'service_role', 'x-trestle-claims': '{"role":"service_role"}', 'X-Trestle-Auth': 'jwt', cookie: 'trestle_session=stolen' };
    const res = await rawRequest(base, { method: 'GET', path: '/functions/v1/open/x', headers: forged });
    expect(res.status).toBe(200);
    const seen = receiver.received[0].headers;
    expect(seen['x-trestle-auth']).toBe('anonymous');
    expect(seen['x-trestle-role']).toBeUndefined();
    expect(seen['x-trestle-claims']).toBeUndefined();
    expect(seen.cookie).toBeUndefined();
  });
});
