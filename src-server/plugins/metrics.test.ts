import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import type { TrestleContext } from '../context.js';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import metricsPlugin from './metrics.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('metrics plugin', () => {
  it('counts the bytes of streamed responses, which have no content-length, without altering them', async () => {
    const app = Fastify();
    app.decorate('trestle', { databases: t.ctx.databases, onShutdown: () => undefined } as unknown as TrestleContext);
    app.decorateRequest('auth', null as never);
    await app.register(metricsPlugin);
    app.get('/v1/stream', (_request, reply) => reply.type('text/plain').send(Readable.from(['abc', 'defgh', 'ij'])));
    app.get('/elsewhere', async () => ({ ok: true }));
    const res = await app.inject({ method: 'GET', url: '/v1/stream' });
    expect(res.body).toBe('abcdefghij');
    await app.inject({ method: 'GET', url: '/elsewhere' });
    await app.close();
    const { rows } = await t.sql.query(`SELECT endpoint, caller, requests::int, bytes_out::int FROM trestle.usage_daily WHERE endpoint LIKE '%stream%' OR endpoint LIKE '%elsewhere%'`);
    expect(rows).toEqual([{ endpoint: 'GET /v1/stream', caller: 'none', requests: 1, bytes_out: 10 }]);
  });
});
