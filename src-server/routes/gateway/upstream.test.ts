// Upstream rules through real HTTP: a local service behind /functions/v1, streamed both ways, told who is calling.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';
import { rawRequest } from '../../../test/helpers/raw-http.js';
import type { GatewayRule } from '../../gateway/types.js';

interface Echo { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

let t: TestApp;
let base: string;
let service: http.Server;
let serviceUrl: string;
const hits: Echo[] = [];
/** Called by the test to let /stream send its second chunk. */
let releaseStream: () => void = () => undefined;
/** Resolved when /upload has received its first chunk. */
let uploadStarted: () => void = () => undefined;

beforeAll(async () => {
  service = http.createServer((req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': 'http://evil.example' });
      res.write('first\n');
      releaseStream = () => res.end('second\n');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      if (chunks.length === 0 && req.url === '/upload') uploadStarted();
      chunks.push(c);
    });
    req.on('end', () => {
      const echo = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      hits.push(echo);
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['app=1', 'trestle_session=planted; Path=/'] });
      res.end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  t = await createTestApp();
  base = await t.listen();
});
afterAll(async () => {
  await t?.close();
  service?.closeAllConnections();
  await new Promise((resolve) => service?.close(resolve));
});
beforeEach(async () => {
  await t.sql.query('DELETE FROM trestle.gateway_rules');
  for (let i = 0; i < 100 && t.app.gateway.compiled.all.length; i++) await new Promise((r) => setTimeout(r, 20));
  hits.length = 0;
});

async function rule(body: Record<string, unknown>): Promise<GatewayRule> {
  const res = await fetch(`${base}/v1/gateway/rules`, { method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { rule: GatewayRule }).rule;
}

const functions = (over: Record<string, unknown> = {}) => rule({ match: { path: '/functions/v1/**' }, authorize: { allow: true }, upstream: serviceUrl, ...over });

describe('an upstream rule', () => {
  it('streams the response as the service sends it', async () => {
    await functions();
    const res = await fetch(`${base}/functions/v1/stream`, { headers: { apikey: t.anonKey, origin: 'http://localhost:5173' } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('first\n');
    // The second chunk only exists once the first has reached the client.
    releaseStream();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += Buffer.from(r.value).toString();
    expect(rest).toBe('second\n');
    // CORS is Trestle's, not the service's.
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('streams the request body as the client sends it', async () => {
    await functions();
    const started = new Promise<void>((resolve) => (uploadStarted = resolve));
    const u = new URL(base);
    const answer = new Promise<string>((resolve, reject) => {
      const req = http.request({ host: u.hostname, port: u.port, method: 'POST', path: '/functions/v1/upload', headers: { apikey: t.anonKey, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString()));
      });
      req.on('error', reject);
      req.write('{"part":');
      // The rest is sent only after the service has seen the first part: nothing buffers the whole body.
      void started.then(() => req.end('"two"}'));
    });
    const echo = JSON.parse(await answer) as Echo;
    expect(echo.body).toBe('{"part":"two"}');
    expect(echo.headers['content-type']).toBe('application/json');
  });

  it('forwards the path below the rule\'s prefix and the query, without the API key', async () => {
    await functions();
    const res = await fetch(`${base}/functions/v1/hello/w%C3%B6rld?name=a%20b&apikey=${t.anonKey}&x=1`, { method: 'PUT', headers: { apikey: t.anonKey, authorization: `Bearer ${t.anonKey}` }, body: 'data' });
    expect(res.status).toBe(200);
    // Served from the dashboard's origin: sandboxed, and unable to plant the dashboard's cookies.
    expect(res.headers.get('set-cookie')).toBe('app=1');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox allow-scripts/);
    const echo = (await res.json()) as Echo;
    expect(echo).toMatchObject({ method: 'PUT', url: '/hello/w%C3%B6rld?name=a%20b&x=1', body: 'data' });
    expect(echo.headers.apikey).toBeUndefined();
    expect(echo.headers.authorization).toBeUndefined();
    expect(JSON.stringify(echo.headers)).not.toContain(t.anonKey);
    expect(echo.headers).toMatchObject({ 'x-trestle-auth': 'api_key', 'x-trestle-role': 'anon', via: '1.1 trestle' });
    expect(echo.headers['x-trestle-claims']).toBeUndefined();
  });

  it('forwards the verified claims of a signed-in user, never claims the caller wrote', async () => {
    await functions();
    const jwt = mintJwt(t.ctx.jwtSecret, { sub: 'user-1', email: 'zoë@example.com' });
    const res = await fetch(`${base}/functions/v1/me`, {
      headers: { apikey: t.anonKey, authorization: `Bearer ${jwt}`, 'x-trestle-claims': '{"role":"service_role"}', 'x-trestle-role': 'service_role', cookie: 'trestle_session=abc; theme=dark; trestle_csrf=x' },
    });
    const echo = (await res.json()) as Echo;
    expect(JSON.parse(echo.headers['x-trestle-claims'] as string)).toMatchObject({ sub: 'user-1', email: 'zoë@example.com', role: 'authenticated' });
    expect(echo.headers['x-trestle-role']).toBe('authenticated');
    expect(echo.headers['x-trestle-auth']).toBe('jwt');
    expect(echo.headers.authorization).toBe(`Bearer ${jwt}`);
    expect(echo.headers.cookie).toBe('theme=dark');
    expect(echo.headers.apikey).toBeUndefined();
  });

  it('maps onto the upstream URL\'s own path', async () => {
    await rule({ match: { path: '/functions/v1/**' }, authorize: { allow: true }, upstream: `${serviceUrl}/functions/v1` });
    const echo = (await (await fetch(`${base}/functions/v1/hello`, { headers: { apikey: t.anonKey } })).json()) as Echo;
    expect(echo.url).toBe('/functions/v1/hello');
    await rule({ match: { path: '/graphql/v1' }, authorize: { allow: true }, upstream: `${serviceUrl}/graphql` });
    const gql = (await (await fetch(`${base}/graphql/v1`, { method: 'POST', headers: { apikey: t.anonKey, 'content-type': 'application/json' }, body: '{"query":"{x}"}' })).json()) as Echo;
    expect(gql).toMatchObject({ url: '/graphql', body: '{"query":"{x}"}' });
  });

  it('needs an API key unless the rule accepts anonymous callers', async () => {
    await functions();
    const anonymous = await fetch(`${base}/functions/v1/hello`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('GATEWAY_AUTHENTICATION_REQUIRED');
    expect(hits).toEqual([]);
    expect((await fetch(`${base}/functions/v1/hello`, { headers: { apikey: 'truss_pk_' + 'x'.repeat(43) } })).status).toBe(401);
    await t.sql.query('DELETE FROM trestle.gateway_rules');
    await rule({ match: { path: '/functions/v1/public/**' }, authenticate: ['anonymous'], authorize: { allow: true }, upstream: serviceUrl });
    const open = await fetch(`${base}/functions/v1/public/page`);
    expect(open.status).toBe(200);
    expect(((await open.json()) as Echo).headers['x-trestle-auth']).toBe('anonymous');
    expect((await fetch(`${base}/functions/v1/private`)).status).toBe(404);
  });

  it('puts restrictions before it in order', async () => {
    await rule({ match: { methods: ['DELETE'], path: '/functions/v1/**' }, authorize: { roles: ['service_role'] } });
    await functions({ authenticate: ['anonymous', 'api_key'] });
    expect((await fetch(`${base}/functions/v1/x`, { method: 'DELETE', headers: { apikey: t.anonKey } })).status).toBe(403);
    expect((await fetch(`${base}/functions/v1/x`, { method: 'DELETE', headers: { apikey: t.serviceKey } })).status).toBe(200);
    expect((await fetch(`${base}/functions/v1/x`)).status).toBe(200);
  });

  it('answers 404 without a rule, 502 when the service is down, 400 for dot segments, 508 for a loop', async () => {
    const none = await fetch(`${base}/functions/v1/hello`, { headers: { apikey: t.anonKey } });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { code: string }).code).toBe('NO_UPSTREAM');
    const down = await rule({ match: { path: '/functions/v1/down/**' }, authorize: { allow: true }, upstream: 'http://127.0.0.1:9' });
    const bad = await fetch(`${base}/functions/v1/down/x`, { headers: { apikey: t.anonKey } });
    expect(bad.status).toBe(502);
    expect(((await bad.json()) as { code: string; message: string }).message).toContain('http://127.0.0.1:9');
    await fetch(`${base}/v1/gateway/rules/${down.id}`, { method: 'DELETE', headers: { apikey: t.serviceKey } });
    await functions();
    for (const path of ['/functions/v1/a/%2E%2E/b', '/functions/v1/a/%2e/b', '/functions/v1/a%2F..%2Fb']) {
      const res = await rawRequest(base, { method: 'GET', path, headers: { apikey: t.anonKey } });
      expect(res.status, path).toBe(400);
    }
    await t.sql.query('DELETE FROM trestle.gateway_rules');
    await rule({ match: { path: '/functions/v1/**' }, authenticate: ['anonymous'], authorize: { allow: true }, upstream: `${base}/functions/v1` });
    const loop = await fetch(`${base}/functions/v1/again`);
    expect(loop.status).toBe(508);
    expect(hits).toEqual([]);
  });

  it('answers browsers\' preflights without credentials', async () => {
    await functions();
    const res = await fetch(`${base}/functions/v1/hello`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(hits).toEqual([]);
  });

  it('is reported up in the health check', async () => {
    await functions();
    const health = (await (await fetch(`${base}/api/gateway/health`, { headers: { apikey: t.serviceKey } })).json()) as { upstreams: Array<{ url: string; status: string; status_code: number }> };
    expect(health.upstreams).toEqual([expect.objectContaining({ url: serviceUrl, status: 'up', status_code: 200 })]);
  });
});
