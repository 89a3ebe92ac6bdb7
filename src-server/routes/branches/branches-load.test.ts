import type { InjectOptions } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, urlFor, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(`CREATE TABLE public.counter (id serial PRIMARY KEY, note text NOT NULL)`);
  await t.sql.end(); // nothing but Trestle may stay connected to the database being copied
});
afterAll(async () => t?.close());

describe('branch creation under load', () => {
  it('no request fails while 10 branches are created', { timeout: 60_000 }, async () => {
    // A key of its own, with a rate limit the loop cannot hit.
    const { key, secret } = (await t.service({ method: 'POST', url: '/api/keys', payload: { keyType: 'service_role', label: 'load', rate_limit: 100_000 } })).json();
    const call = (opts: InjectOptions) => t.app.inject({ ...opts, headers: { apikey: secret } });
    const restProbe = await call({ method: 'GET', url: '/v1/db/counter?limit=1' });
    const useRest = restProbe.statusCode === 200;

    const failures: string[] = [];
    const counts = { total: 0, duringCopy: 0, writes: 0 };
    let copying = true;
    let seq = 0;
    const check = (label: string, res: { statusCode: number; body: string }) => {
      counts.total++;
      if (copying) counts.duringCopy++;
      if (res.statusCode >= 300) failures.push(`${label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    };
    const worker = async () => {
      while (copying) {
        const n = ++seq;
        check('GET /api/health', await call({ method: 'GET', url: '/api/health' }));
        const health = (await call({ method: 'GET', url: '/api/health' })).json();
        if (!health.database.connected) failures.push(`health says disconnected: ${health.database.error}`);
        check('GET /v1/keys', await call({ method: 'GET', url: '/v1/keys' }));
        check('PATCH /api/keys', await call({ method: 'PATCH', url: `/api/keys/${key.id}`, payload: { label: `load ${n}` } }));
        counts.writes++;
        if (useRest) {
          check('POST /v1/db', await call({ method: 'POST', url: '/v1/db/counter', payload: { note: `n${n}` } }));
          check('GET /v1/db', await call({ method: 'GET', url: '/v1/db/counter?order=id.desc&limit=1' }));
          counts.writes++;
        }
      }
    };
    const workers = [worker(), worker(), worker()];
    const created: Array<{ method: string; duration_ms: number }> = [];
    try {
      for (let i = 0; i < 10; i++) {
        const res = await t.service({ method: 'POST', url: '/api/branches', payload: { label: `load ${i}` } });
        expect(res.statusCode, res.body).toBe(201);
        created.push(res.json());
      }
    } finally {
      copying = false;
      await Promise.all(workers);
    }
    expect(failures).toEqual([]);
    expect(counts.duringCopy).toBeGreaterThan(30);
    expect(created).toHaveLength(10);
    // The writes reached the main database and none of them were lost.
    const c = new pg.Client({ connectionString: urlFor(t.database) });
    await c.connect();
    try {
      const { rows } = await c.query('SELECT label FROM trestle.api_keys WHERE id = $1', [key.id]);
      expect(rows[0].label).toMatch(/^load \d+$/);
      if (useRest) expect((await c.query('SELECT count(*)::int AS n FROM public.counter')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await c.end();
    }
  });
});
