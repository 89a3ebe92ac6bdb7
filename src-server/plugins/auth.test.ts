import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const TOKEN = 'test-dashboard-token-0123456789';

function cookies(setCookie: string | string[] | undefined): Record<string, string> {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return Object.fromEntries(list.map((c) => c.split(';')[0].split('=') as [string, string]));
}

describe('API keys on /v1', () => {
  it('refuses a missing key with 401 in the error format', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/status' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: 'An API key is required', message: 'An API key is required', code: 'MISSING_API_KEY',
      detail: null, details: null, hint: expect.any(String),
    });
  });

  it('refuses unknown and malformed keys with INVALID_API_KEY', async () => {
    for (const key of ['truss_sk_unknownunknownunknownunknownunknownunknow', 'nonsense', 'x'.repeat(5000)]) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/status', headers: { apikey: key } });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('INVALID_API_KEY');
    }
  });

  it('accepts x-api-key as well as apikey', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/status', headers: { 'x-api-key': t.serviceKey } });
    expect(res.statusCode).toBe(200);
  });

  it('refuses an anon key on a service_role endpoint with 403', async () => {
    const res = await t.anon({ method: 'GET', url: '/v1/keys' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('sends rate-limit headers and answers 429 with Retry-After past the limit', async () => {
    const { key, secret } = (await t.service({ method: 'POST', url: '/v1/keys', payload: { key_type: 'service_role' } })).json();
    await t.service({ method: 'PATCH', url: `/v1/keys/${key.id}`, payload: { rate_limit: 3 } });
    const seen: Array<[number, string | undefined]> = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/modules', headers: { apikey: secret } });
      seen.push([res.statusCode, res.headers['x-ratelimit-remaining'] as string | undefined]);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
      if (res.statusCode === 429) {
        expect(res.json().code).toBe('RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(seen).toEqual([[200, '2'], [200, '1'], [200, '0'], [429, '0']]);
  });
});

describe('Host check', () => {
  it('answers loopback names and refuses others (DNS rebinding)', async () => {
    for (const host of ['localhost:8787', '127.0.0.1:8787', '[::1]:8787', 'app.localhost']) {
      expect((await t.app.inject({ method: 'GET', url: '/healthz', headers: { host } })).statusCode).toBe(200);
    }
    for (const host of ['evil.example', 'evil.example:8787', '127.0.0.1.evil.example', '10.0.0.5']) {
      const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { host } });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('HOST_NOT_ALLOWED');
    }
  });
});

describe('dashboard session', () => {
  it('exchanges the launch token for session + CSRF cookies, then /api/health works', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(before.statusCode).toBe(401);
    const launch = await t.app.inject({ method: 'GET', url: `/auth/launch?token=${TOKEN}` });
    expect(launch.statusCode).toBe(303);
    expect(launch.headers.location).toBe('/');
    const set = launch.headers['set-cookie'] as string[];
    expect(set.find((c) => c.startsWith('trestle_session='))).toMatch(/HttpOnly; SameSite=Strict/);
    expect(set.find((c) => c.startsWith('trestle_csrf='))).not.toMatch(/HttpOnly/);
    const jar = cookies(set);
    const health = await t.app.inject({ method: 'GET', url: '/api/health', cookies: jar });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: { connected: true, name: t.database } });
  });

  it('refuses a wrong launch token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/auth/launch?token=wrong-token-wrong-token' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('requires the CSRF header on mutations made with the cookie', async () => {
    const jar = cookies((await t.app.inject({ method: 'GET', url: `/auth/launch?token=${TOKEN}` })).headers['set-cookie']);
    const none = await t.app.inject({ method: 'POST', url: '/api/keys', cookies: jar, payload: { keyType: 'anon' } });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('CSRF_MISMATCH');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/keys', cookies: jar, headers: { 'x-csrf-token': 'forged' }, payload: { keyType: 'anon' } });
    expect(wrong.statusCode).toBe(403);
    const right = await t.app.inject({ method: 'POST', url: '/api/keys', cookies: jar, headers: { 'x-csrf-token': jar.trestle_csrf }, payload: { keyType: 'anon' } });
    expect(right.statusCode).toBe(201);
  });

  it('accepts a service_role key on /api without CSRF, refuses an anon key', async () => {
    expect((await t.service({ method: 'POST', url: '/api/keys', payload: { keyType: 'anon' } })).statusCode).toBe(201);
    const anon = await t.anon({ method: 'GET', url: '/api/health' });
    expect(anon.statusCode).toBe(403);
  });

  it('logs out: the cookie stops working', async () => {
    const jar = cookies((await t.app.inject({ method: 'GET', url: `/auth/launch?token=${TOKEN}` })).headers['set-cookie']);
    const out = await t.app.inject({ method: 'POST', url: '/api/session/logout', cookies: jar, headers: { 'x-csrf-token': jar.trestle_csrf } });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/health', cookies: jar })).statusCode).toBe(401);
  });
});

describe('errors', () => {
  it('answers unknown routes and bad JSON in the contract format, without stack traces', async () => {
    const missing = await t.service({ method: 'GET', url: '/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
    const bad = await t.service({ method: 'POST', url: '/api/keys', headers: { 'content-type': 'application/json' }, payload: '{"keyType":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_JSON');
    expect(bad.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('echoes a request id', async () => {
    const res = await t.service({ method: 'GET', url: '/v1/status', headers: { 'x-request-id': 'req-123' } });
    expect(res.headers['x-request-id']).toBe('req-123');
    const generated = await t.service({ method: 'GET', url: '/v1/status' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
