// /v1/db/:table and /v1/db/rpc/:function: thin handlers over DbService (HEAD comes with every GET route).
import type { FastifyInstance } from 'fastify';
import { DbService } from './db-service.js';

type TableParams = { table: string };
type FnParams = { fn: string };

export default async function dbRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const db = new DbService(ctx);
  await db.cache.start().catch((err: Error) => ctx.log.warn({ err: err.message }, 'schema cache not loaded yet; it loads on the first request'));
  const config = { access: 'client' as const };

  app.get<{ Params: TableParams }>('/v1/db/:table', { config }, (request, reply) => db.read(request, reply, request.params.table));
  app.post<{ Params: TableParams }>('/v1/db/:table', { config }, (request, reply) => db.write(request, reply, request.params.table, 'POST'));
  app.patch<{ Params: TableParams }>('/v1/db/:table', { config }, (request, reply) => db.write(request, reply, request.params.table, 'PATCH'));
  app.delete<{ Params: TableParams }>('/v1/db/:table', { config }, (request, reply) => db.write(request, reply, request.params.table, 'DELETE'));
  app.get<{ Params: FnParams }>('/v1/db/rpc/:fn', { config }, (request, reply) => db.rpc(request, reply, request.params.fn));
  app.post<{ Params: FnParams }>('/v1/db/rpc/:fn', { config }, (request, reply) => db.rpc(request, reply, request.params.fn));
}
