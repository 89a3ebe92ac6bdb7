// The dashboard's logs: the API request log (in memory, see plugins/request-log.ts) and the embedded Postgres
// server log, each as a list and as a live stream of server-sent events.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PostgresLog } from '../../logs/postgres-log.js';
import { SLOW_STATEMENT_MS } from '../../postgres/cluster.js';
import { SseStreams } from '../../services/sse.js';
import { PostgresLogQuery, PostgresLogResponse, RequestLogQuery, RequestLogResponse, StreamQuery } from './schemas.js';

const EXTERNAL = 'Trestle is using an external database (DATABASE_URL), whose server log it cannot read. Look at that server\'s own logs.';

export default async function logsRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const embedded = ctx.postgres.embedded;
  const pgLog = embedded ? new PostgresLog(path.join(ctx.config.dataDir, 'logs', 'postgres.log')) : null;
  const streams = new SseStreams();
  app.addHook('preClose', async () => streams.closeAll());
  app.addHook('onClose', async () => pgLog?.stop());
  const access = { access: 'dashboard' as const };

  app.get('/api/logs/requests', { config: access, schema: { querystring: RequestLogQuery, response: { 200: RequestLogResponse } } }, async (request) => {
    const q = request.query as { after?: number; include_dashboard?: boolean };
    return { entries: app.requestLog.list({ after: q.after, includeDashboard: q.include_dashboard }) };
  });

  app.get('/api/logs/postgres', { config: access, schema: { querystring: PostgresLogQuery, response: { 200: PostgresLogResponse } } }, async (request) => {
    const { after } = request.query as { after?: number };
    if (!pgLog) return { available: false, reason: EXTERNAL, slow_statement_ms: null, entries: [] };
    return { available: true, reason: null, slow_statement_ms: SLOW_STATEMENT_MS, entries: await pgLog.list(after) };
  });

  app.get('/api/logs/stream', { config: access, schema: { querystring: StreamQuery, description: 'Server-sent events (text/event-stream): one entry event per new request or Postgres log entry' } }, async (request, reply) => {
    const q = request.query as { source: 'requests' | 'postgres'; include_dashboard?: boolean };
    let unsubscribe = () => {};
    const stream = streams.start(request, reply, () => unsubscribe());
    if (q.source === 'requests') {
      unsubscribe = app.requestLog.subscribe((e) => {
        if (e.source === 'app' || q.include_dashboard) stream.send('entry', e);
      });
    } else if (pgLog) {
      unsubscribe = pgLog.subscribe((e) => stream.send('entry', e));
    } else {
      stream.send('unavailable', { reason: EXTERNAL });
    }
    return reply;
  });
}
