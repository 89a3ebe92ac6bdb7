// The data API's routes under one mount (/v1/db or /rest/v1): thin handlers over DbService (HEAD comes with every
// GET route). Registered once per mount with that mount's defaults and its error body.
import type { FastifyInstance } from 'fastify';
import type { MountDefaults } from '../../rest/mount.js';
import type { SchemaCache } from '../../rest/schema-cache.js';
import { errorHandler } from '../../plugins/errors.js';
import { DbService } from './db-service.js';

type TableParams = { table: string };
type FnParams = { fn: string };

export interface DataApiOptions {
  mount: MountDefaults;
  cache: SchemaCache;
}

export default async function dbRoutes(app: FastifyInstance, { mount, cache }: DataApiOptions) {
  const db = new DbService(app.trestle, cache, mount);
  app.setErrorHandler(errorHandler(mount.errorBody));
  const config = { access: 'client' as const };
  app.get<{ Params: TableParams }>('/:table', { config }, (request, reply) => db.read(request, reply, request.params.table));
  app.post<{ Params: TableParams }>('/:table', { config }, (request, reply) => db.write(request, reply, request.params.table, 'POST'));
  app.patch<{ Params: TableParams }>('/:table', { config }, (request, reply) => db.write(request, reply, request.params.table, 'PATCH'));
  app.delete<{ Params: TableParams }>('/:table', { config }, (request, reply) => db.write(request, reply, request.params.table, 'DELETE'));
  app.get<{ Params: FnParams }>('/rpc/:fn', { config }, (request, reply) => db.rpc(request, reply, request.params.fn));
  app.post<{ Params: FnParams }>('/rpc/:fn', { config }, (request, reply) => db.rpc(request, reply, request.params.fn));
}
