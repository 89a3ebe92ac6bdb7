// Liveness for supervisors (/healthz, public) and the dashboard's detailed health (/api/health).
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { databaseHealth, databaseReady } from './health-service.js';

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  uptime_seconds: Type.Number(),
  database: Type.Object({
    connected: Type.Boolean(),
    name: Type.String(),
    embedded: Type.Boolean(),
    version: Type.Union([Type.String(), Type.Null()]),
    size_bytes: Type.Union([Type.Number(), Type.Null()]),
    latency_ms: Type.Union([Type.Number(), Type.Null()]),
    error: Type.Optional(Type.String()),
  }),
});

export default async function healthRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  // Liveness: the process answers. Readiness: the database answers too, on the pool user requests use.
  app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' } }, async (_request, reply) => {
    const ready = await databaseReady(ctx);
    if (ready.ok) return { status: 'ready', latency_ms: ready.latencyMs };
    return reply.code(503).send({ status: 'unavailable', code: 'DATABASE_UNAVAILABLE', error: ready.error });
  });

  app.get('/api/health', { config: { access: 'dashboard' }, schema: { response: { 200: HealthResponse } } }, async () => {
    const database = await databaseHealth(ctx);
    return {
      status: database.connected ? 'ok' as const : 'degraded' as const,
      version: ctx.version,
      uptime_seconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
      database,
    };
  });
}
