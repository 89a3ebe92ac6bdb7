// Counts every /v1 and /api request (caller, route pattern, status, bytes, latency) into the usage collector,
// which aggregates in memory and flushes to the control database every few seconds and at shutdown.
import { Readable, Transform, pipeline } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthInfo } from './auth.js';
import { UsageCollector } from '../services/usage-collector.js';

declare module 'fastify' {
  interface FastifyInstance {
    usage: UsageCollector;
  }
  interface FastifyRequest {
    streamedBytes: { count: number } | null;
  }
}

const TRACKED = /^\/(v1|api)(\/|$|\?)/;

export function callerOf(auth: AuthInfo | undefined): string {
  if (auth?.kind === 'key') return `key:${auth.key.id}`;
  if (auth?.kind === 'session') return 'dashboard';
  return 'none';
}

export function endpointOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? '(unmatched)'}`;
}

function lengthOf(value: unknown): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function bytesOut(request: FastifyRequest, reply: FastifyReply): number {
  return request.streamedBytes?.count ?? lengthOf(reply.getHeader('content-length'));
}

export default fp(async function metricsPlugin(app: FastifyInstance) {
  const ctx = app.trestle;
  const collector = new UsageCollector(ctx.databases.control);
  app.decorate('usage', collector);
  app.decorateRequest('streamedBytes', null);
  collector.start();
  app.addHook('onClose', () => collector.stop());
  ctx.onShutdown(() => collector.stop());

  // Streamed bodies have no content-length: count their bytes as they go out.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!(payload instanceof Readable) || !TRACKED.test(request.url) || reply.getHeader('content-length') !== undefined) return done(null, payload);
    const counter = { count: 0 };
    request.streamedBytes = counter;
    const counting = new Transform({
      transform(chunk: Buffer | string, _encoding, next) {
        counter.count += Buffer.byteLength(chunk);
        next(null, chunk);
      },
    });
    pipeline(payload, counting, () => undefined);
    done(null, counting);
  });

  app.addHook('onResponse', (request, reply, done) => {
    if (!TRACKED.test(request.url)) return done();
    collector.record({
      caller: callerOf(request.auth),
      endpoint: endpointOf(request),
      status: reply.statusCode,
      bytesIn: lengthOf(request.headers['content-length']),
      bytesOut: bytesOut(request, reply),
      latencyMs: reply.elapsedTime,
    });
    done();
  });
}, { name: 'trestle-metrics' });
