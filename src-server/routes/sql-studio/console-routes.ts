// The SQL console: run (every result set), cancel, EXPLAIN, export, and destructive-statement analysis.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCRIPT_BODY_LIMIT } from '../../config.js';
import { toApiError } from '../../plugins/errors.js';
import { findDestructive } from '../../studio/destructive.js';
import { explain } from '../../studio/explain.js';
import { exportStream, type ExportRequest } from '../../studio/export.js';
import { recordHistory, type HistoryEntry } from '../../studio/history.js';
import { mutatingCommands, newQueryId, runConsole, RunningQueries } from '../../studio/console.js';
import { splitStatements } from '../../studio/sql-tokens.js';
import { who } from './actor.js';
import { AnalyzeBody, AnalyzeResponse, CancelBody, CancelResponse, ExplainBody, ExportBody, QueryBody, QueryResponse } from './schemas.js';

/** Errors raised before any SQL ran: nothing to put in the history. */
const NOT_RUN = new Set(['VALIDATION_ERROR', 'EMPTY_QUERY', 'QUERY_ID_IN_USE', 'DATABASE_UNAVAILABLE']);

type QueryRequest = { sql: string; params?: unknown[]; row_limit?: number; timeout?: number; query_id?: string };

export default async function consoleRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const running = new RunningQueries();

  const remember = async (request: FastifyRequest, entry: HistoryEntry) => {
    await recordHistory(ctx.databases.control, entry).catch((err: Error) => request.log.warn({ err: err.message }, 'could not record SQL history'));
  };

  app.post('/api/sql/query', { config: { access: 'dashboard' }, bodyLimit: SCRIPT_BODY_LIMIT, schema: { body: QueryBody, response: { 200: QueryResponse } } }, async (request) => {
    const body = request.body as QueryRequest;
    const queryId = body.query_id ?? newQueryId();
    const started = performance.now();
    try {
      const run = await runConsole(ctx.databases.active, running, { ...body, query_id: queryId });
      await remember(request, {
        query_id: queryId, sql: body.sql, status: 'success', duration_ms: run.duration_ms,
        row_count: run.results.reduce((n, r) => n + r.rowCount, 0), result_count: run.results.length,
      });
      const commands = mutatingCommands(run.results);
      if (commands.length > 0) {
        const actor = who(request);
        await ctx.audit.record({
          actor: actor.actor, requestId: actor.id, action: 'sql.query', resourceType: 'database',
          resourceId: ctx.databases.activeDatabaseName, detail: { query_id: queryId, commands },
        });
      }
      return run;
    } catch (err) {
      const apiError = toApiError(err);
      if (!NOT_RUN.has(apiError.code)) {
        await remember(request, {
          query_id: queryId, sql: body.sql, duration_ms: performance.now() - started, row_count: 0, result_count: 0,
          status: apiError.code === '57014' && /user request/.test(apiError.message) ? 'cancelled' : 'error',
          error: apiError.message, error_code: apiError.code,
        });
      }
      throw err;
    }
  });

  app.post('/api/sql/query/cancel', { config: { access: 'dashboard' }, schema: { body: CancelBody, response: { 200: CancelResponse } } }, async (request) => {
    return running.cancel((request.body as { query_id: string }).query_id);
  });

  app.post('/api/sql/explain', { config: { access: 'dashboard' }, schema: { body: ExplainBody } }, async (request) => {
    return explain(ctx.databases.active, request.body as { sql: string; analyze?: boolean; params?: unknown[]; timeout?: number });
  });

  app.post('/api/sql/export', { config: { access: 'dashboard' }, schema: { body: ExportBody } }, async (request, reply) => {
    const { stream, filename, contentType } = await exportStream(ctx.databases.active, request.body as ExportRequest);
    reply.header('content-type', contentType);
    reply.header('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
    return reply.send(stream);
  });

  app.post('/api/sql/analyze', { config: { access: 'dashboard' }, schema: { body: AnalyzeBody, response: { 200: AnalyzeResponse } } }, async (request) => {
    const { sql } = request.body as { sql: string };
    return { statements: splitStatements(sql).length, destructive: findDestructive(sql) };
  });
}
