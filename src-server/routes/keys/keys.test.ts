import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('API keys', () => {
  it('lists the initial keys without secrets or hashes', async () => {
    const res = await t.service({ method: 'GET', url: '/v1/keys' });
    expect(res.statusCode).toBe(200);
    const { keys } = res.json();
    expect(keys.map((k: { key_type: string }) => k.key_type).sort()).toEqual(['anon', 'service_role']);
    expect(JSON.stringify(keys)).not.toContain(t.serviceKey);
    expect(keys[0]).not.toHaveProperty('key_hash');
  });

  it('creates a key whose secret works once shown, and is audited', async () => {
    const res = await t.service({ method: 'POST', url: '/api/keys', payload: { keyType: 'anon', label: 'mobile', rate_limit: 50 } });
    expect(res.statusCode).toBe(201);
    const { key, secret } = res.json();
    expect(secret).toMatch(/^truss_pk_[A-Za-z0-9_-]{43}$/);
    expect(key.key_prefix).toBe(secret.slice(0, 12));
    expect(key.rate_limit).toBe(50);
    const status = await t.app.inject({ method: 'GET', url: '/v1/status', headers: { apikey: secret } });
    expect(status.statusCode).toBe(403);
    expect(status.json().code).toBe('INSUFFICIENT_PERMISSIONS');
    expect(status.headers['x-ratelimit-limit']).toBe('50');
    const { rows } = await t.sql.query(`SELECT action, resource_id, actor FROM trestle.audit_log WHERE resource_id = $1`, [key.id]);
    expect(rows).toEqual([{ action: 'key.create', resource_id: key.id, actor: `key:${t.serviceKey.slice(0, 12)}` }]);
  });

  it('revokes a key: the next request with it is refused', async () => {
    const { key, secret } = (await t.service({ method: 'POST', url: '/v1/keys', payload: { key_type: 'service_role', label: 'ci' } })).json();
    expect((await t.app.inject({ method: 'GET', url: '/v1/keys', headers: { apikey: secret } })).statusCode).toBe(200);
    const del = await t.service({ method: 'DELETE', url: `/v1/keys/${key.id}` });
    expect(del.statusCode).toBe(200);
    expect(del.json().key.revoked).toBe(true);
    const after = await t.app.inject({ method: 'GET', url: '/v1/keys', headers: { apikey: secret } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('INVALID_API_KEY');
  });

  it('rotates a key: new secret works, old one is revoked', async () => {
    const { key, secret } = (await t.service({ method: 'POST', url: '/v1/keys', payload: { key_type: 'service_role', label: 'rotating' } })).json();
    const res = await t.service({ method: 'POST', url: `/v1/keys/${key.id}/rotate` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.old_key_id).toBe(key.id);
    expect(body.old_key_revoked).toBe(true);
    expect(body.new_key.label).toBe('rotating');
    expect((await t.app.inject({ method: 'GET', url: '/v1/keys', headers: { apikey: secret } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/v1/keys', headers: { apikey: body.secret } })).statusCode).toBe(200);
    const again = await t.service({ method: 'POST', url: `/v1/keys/${key.id}/rotate` });
    expect(again.statusCode).toBe(409);
  });

  it('updates the rate limit and rejects bad input without changing anything', async () => {
    const { key } = (await t.service({ method: 'POST', url: '/api/keys', payload: { keyType: 'anon' } })).json();
    const ok = await t.service({ method: 'PATCH', url: `/api/keys/${key.id}`, payload: { rate_limit: 7 } });
    expect(ok.json().key.rate_limit).toBe(7);
    for (const payload of [{ rate_limit: 0 }, { rate_limit: 100001 }, { rate_limit: 'x' }, {}, { other: 1 }]) {
      const bad = await t.service({ method: 'PATCH', url: `/api/keys/${key.id}`, payload });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
    }
    expect((await t.service({ method: 'POST', url: '/api/keys', payload: { keyType: 'admin' } })).statusCode).toBe(400);
    expect((await t.service({ method: 'POST', url: '/api/keys', payload: {} })).statusCode).toBe(400);
    expect((await t.service({ method: 'DELETE', url: '/v1/keys/not-a-uuid' })).statusCode).toBe(404);
    expect((await t.service({ method: 'DELETE', url: '/v1/keys/00000000-0000-0000-0000-000000000000' })).statusCode).toBe(404);
    const { rows } = await t.sql.query('SELECT rate_limit FROM trestle.api_keys WHERE id = $1', [key.id]);
    expect(rows[0].rate_limit).toBe(7);
  });
});

describe('key cache', () => {
  it('sees a key revoked directly in the database (NOTIFY), but not usage stamps', async () => {
    const { key, secret } = (await t.service({ method: 'POST', url: '/v1/keys', payload: { key_type: 'service_role' } })).json();
    expect((await t.app.inject({ method: 'GET', url: '/v1/keys', headers: { apikey: secret } })).statusCode).toBe(200);
    let invalidations = 0;
    const original = t.ctx.keys.invalidate.bind(t.ctx.keys);
    t.ctx.keys.invalidate = () => {
      invalidations++;
      original();
    };
    await t.sql.query('UPDATE trestle.api_keys SET last_used_at = now() WHERE id = $1', [key.id]);
    await new Promise((r) => setTimeout(r, 300));
    expect(invalidations).toBe(0);
    await t.sql.query('UPDATE trestle.api_keys SET revoked_at = now() WHERE id = $1', [key.id]);
    const until = Date.now() + 5_000;
    let status = 200;
    while (status === 200 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await t.app.inject({ method: 'GET', url: '/v1/keys', headers: { apikey: secret } })).statusCode;
    }
    expect(status).toBe(401);
    expect(invalidations).toBeGreaterThan(0);
    t.ctx.keys.invalidate = original;
  });
});
