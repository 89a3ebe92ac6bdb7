import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type Entry = { id: number; method: string; path: string; status: number; key_prefix: string | null; role: string; source: string; duration_ms: number };
const list = async (query = '') => (await t.service({ method: 'GET', url: `/api/logs/requests${query}` })).json().entries as Entry[];

describe('request log', () => {
  it('records method, path without the query string, status, duration, key prefix and role', async () => {
    const first = await t.app.inject({ method: 'GET', url: `/v1/db/nothing_here?select=*&apikey=${t.anonKey}`, headers: { apikey: t.anonKey } });
    const token = mintJwt(t.ctx.jwtSecret, { sub: 'u1', role: 'authenticated' });
    await t.app.inject({ method: 'GET', url: '/v1/db/nothing_here', headers: { apikey: t.anonKey, authorization: `Bearer ${token}` } });
    const entries = await list();
    const anon = entries.find((e) => e.path === '/v1/db/nothing_here' && e.role === 'anon')!;
    expect(anon).toMatchObject({ method: 'GET', status: first.statusCode, key_prefix: t.anonKey.slice(0, 12), source: 'app' });
    expect(anon.duration_ms).toBeGreaterThan(0);
    expect(entries.some((e) => e.path === '/v1/db/nothing_here' && e.role === 'authenticated')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(t.anonKey);
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it("keeps the dashboard's own requests apart and returns them only when asked", async () => {
    t.app.requestLog.add({ method: 'GET', path: '/api/health', status: 200, duration_ms: 1, key_prefix: null, role: 'dashboard', source: 'dashboard', request_id: 'r1' });
    expect((await list()).some((e) => e.source === 'dashboard')).toBe(false);
    const all = await list('?include_dashboard=true');
    expect(all.some((e) => e.source === 'dashboard')).toBe(true);
    const last = all[all.length - 1].id;
    const later = await list(`?after=${last}&include_dashboard=true`);
    expect(later.every((e) => e.id > last && e.source === 'app')).toBe(true);
  });

  it('streams new entries live', async () => {
    const base = await t.listen();
    const res = await fetch(`${base}/api/logs/stream?source=requests`, { headers: { apikey: t.serviceKey } });
    const reader = res.body!.getReader();
    await new Promise((r) => setTimeout(r, 50));
    await fetch(`${base}/v1/db/streamed_table_x`, { headers: { apikey: t.anonKey } });
    let text = '';
    const deadline = Date.now() + 3000;
    while (!text.includes('/v1/db/streamed_table_x') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('event: entry');
    expect(text).toContain('"path":"/v1/db/streamed_table_x"');
  });

  it('says the Postgres log is unavailable with an external database', async () => {
    const res = (await t.service({ method: 'GET', url: '/api/logs/postgres' })).json();
    expect(res).toMatchObject({ available: false, entries: [] });
    expect(res.reason).toContain('DATABASE_URL');
  });
});
