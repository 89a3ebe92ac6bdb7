// The client data API: /v1/sql, /v1/sql/transaction (service_role) and the PostgREST-compatible data API, mounted at
// /v1/db (Truss defaults) and /rest/v1 (PostgREST's defaults, for supabase-js) over one schema cache.
import type { FastifyInstance } from 'fastify';
import { SCRIPT_BODY_LIMIT } from '../../config.js';
import { actorOf } from '../../plugins/auth.js';
import { POSTGREST_DEFAULTS, TRUSS_DEFAULTS } from '../../rest/mount.js';
import { SchemaCache } from '../../rest/schema-cache.js';
import dbRoutes from './db-routes.js';
import { SqlBody, SqlResultSchema, SqlTransactionBody, SqlTransactionResult } from './schemas.js';
import { SqlService } from './sql-service.js';
import { startBeforeReady } from '../module-start.js';

type SqlRequest = { sql: string; params?: unknown[]; row_limit?: number; timeout?: number };
type TxRequest = { statements: Array<{ sql: string; params?: unknown[] }>; row_limit?: number; timeout?: number };

export default async function restRoutes(app: FastifyInstance) {
  const sql = new SqlService(app.trestle);
  const config = { access: 'service_role' as const };
  const bodyLimit = SCRIPT_BODY_LIMIT;

  app.post('/v1/sql', { config, bodyLimit, schema: { body: SqlBody, response: { 200: SqlResultSchema } } }, async (request) => {
    const body = request.body as SqlRequest;
    return sql.execute({ id: request.id, actor: actorOf(request.auth) }, { sql: body.sql, params: body.params },
      { rowLimit: body.row_limit, timeoutMs: body.timeout });
  });

  app.post('/v1/sql/transaction', { config, bodyLimit, schema: { body: SqlTransactionBody, response: { 200: SqlTransactionResult } } }, async (request) => {
    const body = request.body as TxRequest;
    const results = await sql.transaction({ id: request.id, actor: actorOf(request.auth) }, body.statements,
      { rowLimit: body.row_limit, timeoutMs: body.timeout });
    return { results };
  });

  const cache = new SchemaCache(app.trestle);
  startBeforeReady(app, cache.start().catch((err: Error) => app.trestle.log.warn({ err: err.message }, 'schema cache not loaded yet; it loads on the first request')));
  await app.register(dbRoutes, { prefix: '/v1/db', mount: TRUSS_DEFAULTS, cache });
  await app.register(dbRoutes, { prefix: '/rest/v1', mount: POSTGREST_DEFAULTS, cache });
}
