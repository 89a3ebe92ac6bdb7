import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type Endpoint = { endpoint: string; method: string; route: string; requests: number; errors: number; client_errors: number; p50_ms: number | null; p95_ms: number | null; avg_ms: number | null; max_ms: number; bytes_out: number; latency_histogram: number[] };
type ByKey = { caller: string; kind: string; key_prefix: string | null; requests: number; errors: number };

const metrics = async (query = '') => {
  const res = await t.service({ method: 'GET', url: `/v1/metrics${query}` });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const endpoint = (body: { endpoints: Endpoint[] }, name: string) => body.endpoints.find((e) => e.endpoint === name);

describe('usage metrics', () => {
  it('counts requests per endpoint pattern, per key and per day, with errors, bytes and latency percentiles', async () => {
    for (let i = 0; i < 5; i++) expect((await t.service({ method: 'GET', url: '/v1/status' })).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      await t.service({ method: 'DELETE', url: `/v1/keys/00000000-0000-0000-0000-00000000000${i}` });
    }
    const anon = await t.anon({ method: 'GET', url: '/v1/keys' });
    expect(anon.statusCode).toBe(403);
    await t.service({ method: 'GET', url: '/v1/no/such/route' });

    const body = await metrics();
    const status = endpoint(body, 'GET /v1/status')!;
    expect(status).toMatchObject({ method: 'GET', route: '/v1/status', requests: 5, errors: 0 });
    expect(status.bytes_out).toBeGreaterThan(5 * 100);
    expect(status.p50_ms).toBeGreaterThan(0);
    expect(status.p95_ms!).toBeGreaterThanOrEqual(status.p50_ms!);
    expect(status.p95_ms!).toBeLessThanOrEqual(status.max_ms);
    expect(status.latency_histogram.reduce((s, v) => s + v, 0)).toBe(5);

    // Route patterns, never raw URLs with ids in them.
    const del = endpoint(body, 'DELETE /v1/keys/:id')!;
    expect(del).toMatchObject({ requests: 3, client_errors: 3, errors: 3 });
    expect(body.endpoints.some((e: Endpoint) => e.endpoint.includes('00000000'))).toBe(false);
    expect(endpoint(body, 'GET /v1/keys')).toMatchObject({ requests: 1, errors: 1 });
    expect(endpoint(body, 'GET (unmatched)')).toMatchObject({ requests: 1, errors: 1 });

    const service = body.by_key.find((k: ByKey) => k.key_prefix === t.serviceKey.slice(0, 12));
    expect(service).toMatchObject({ kind: 'key', key_type: 'service_role' });
    // 5 status + 3 deletes; the unmatched path is not authenticated (access is decided by the matched route).
    expect(service.requests).toBeGreaterThanOrEqual(8);
    const anonKey = body.by_key.find((k: ByKey) => k.key_prefix === t.anonKey.slice(0, 12));
    expect(anonKey).toMatchObject({ requests: 1, errors: 1, key_type: 'anon' });

    const today = new Date().toISOString().slice(0, 10);
    expect(body.daily).toHaveLength(30);
    expect(body.daily.at(-1).day).toBe(today);
    expect(body.daily.at(-1).requests).toBe(body.totals.requests);
    expect(body.daily[0].requests).toBe(0);
    expect(body.totals.errors).toBe(body.totals.client_errors + body.totals.server_errors);
    expect(body.totals.error_rate).toBeCloseTo(body.totals.errors / body.totals.requests, 3);
    expect(body.totals.bandwidth_bytes).toBe(body.totals.bytes_in + body.totals.bytes_out);
    expect(body.since).toBe(today);
    expect(body.latency_bucket_bounds_ms.length + 1).toBe(status.latency_histogram.length);
  });

  it('counts request bodies in bytes_in and limits the series with days and since', async () => {
    const payload = { keyType: 'anon', label: 'x'.repeat(150) };
    await t.service({ method: 'POST', url: '/api/keys', payload });
    const body = await metrics('?days=7');
    expect(body.daily).toHaveLength(7);
    expect(endpoint(body, 'POST /api/keys')!).toMatchObject({ requests: 1 });
    expect(body.totals.bytes_in).toBeGreaterThanOrEqual(JSON.stringify(payload).length);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const later = await metrics(`?since=${tomorrow}`);
    expect(later.totals.requests).toBe(0);
    expect(later.endpoints).toEqual([]);
    expect(later.period_start).toBe(tomorrow);
  });

  it('validates its query and needs a service_role key (dashboard twin at /api/metrics)', async () => {
    for (const q of ['days=0', 'days=367', 'days=x', 'since=yesterday', 'since=2026-02-30x', 'foo=1']) {
      const res = await t.service({ method: 'GET', url: `/v1/metrics?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/metrics' })).statusCode).toBe(401);
    expect((await t.anon({ method: 'GET', url: '/v1/metrics' })).statusCode).toBe(403);
    expect((await t.anon({ method: 'GET', url: '/v1/billing' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/metrics' })).statusCode).toBe(401);
    const twin = await t.service({ method: 'GET', url: '/api/metrics?days=3' });
    expect(twin.statusCode).toBe(200);
    expect(twin.json().daily).toHaveLength(3);
  });

  it('reports the local plan with this month\'s usage and no charges', async () => {
    const res = await t.service({ method: 'GET', url: '/v1/billing' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.plan).toMatchObject({ name: 'local', limits: null });
    expect(body.charges).toEqual({ total: 0, currency: 'USD', items: [] });
    const month = new Date().toISOString().slice(0, 7);
    expect(body.period.start).toBe(`${month}-01`);
    expect(body.period.end.startsWith(month)).toBe(true);
    expect(body.usage.requests).toBeGreaterThan(10);
    expect(body.usage.bandwidth_bytes).toBe(body.usage.bytes_in + body.usage.bytes_out);
  });

  it('keeps the figures across a restart (flushed at shutdown, read back by a new server)', async () => {
    const first = await createTestApp();
    for (let i = 0; i < 4; i++) await first.service({ method: 'GET', url: '/v1/modules' });
    await first.close();
    const second = await createTestApp({}, { database: first.database });
    try {
      const res = await second.service({ method: 'GET', url: '/v1/metrics' });
      const body = res.json();
      expect(endpoint(body, 'GET /v1/modules')).toMatchObject({ requests: 4, errors: 0 });
      expect(endpoint(body, 'GET /v1/modules')!.p50_ms).not.toBeNull();
      expect(body.by_key.find((k: ByKey) => k.key_prefix === first.serviceKey.slice(0, 12)).requests).toBe(4);
    } finally {
      await second.close();
    }
  });

  it("leaves the dashboard's own requests out when asked (the Usage page's default)", async () => {
    for (let i = 0; i < 7; i++) {
      t.app.usage.record({ caller: 'dashboard', endpoint: 'GET /api/health', status: 200, bytesIn: 0, bytesOut: 100, latencyMs: 1 });
    }
    const all = await metrics();
    expect(endpoint(all, 'GET /api/health')!.requests).toBeGreaterThanOrEqual(7);
    expect(all.by_key.some((k: ByKey) => k.kind === 'dashboard')).toBe(true);
    const apps = await metrics('?include_dashboard=false');
    expect(endpoint(apps, 'GET /api/health')).toBeUndefined();
    expect(apps.by_key.some((k: ByKey) => k.kind === 'dashboard')).toBe(false);
    expect(apps.totals.requests).toBe(apps.by_key.reduce((n: number, k: ByKey) => n + k.requests, 0));
    expect(apps.totals.requests).toBeLessThanOrEqual(all.totals.requests + 1 - 7);
  });
});
