// Advisors: GET /v1/advisors/security|performance (Supabase's shape) and the dashboard's /api/advisors, whose lints
// carry the SQL that fixes them, run by POST /api/advisors/fix after the user has seen it.
import type { FastifyInstance } from 'fastify';
import { runAdvisors, findLint, type AdvisorKind } from '../../advisors/run.js';
import type { Lint } from '../../advisors/lint.js';
import { fromDatabaseError, isDatabaseError } from '../../db/pg-errors.js';
import { ApiError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { AdvisorsQuery, DashboardQuery, DashboardResponse, FixBody, FixResponse, LintsResponse } from './schemas.js';

const withoutFix = ({ fix: _fix, ...lint }: Lint) => lint;

export default async function advisorsRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const run = (kind: AdvisorKind) => runAdvisors(ctx.databases.active, kind, ctx.config.dbSchemas);

  for (const kind of ['security', 'performance'] as const) {
    app.get(`/v1/advisors/${kind}`, { config: { access: 'service_role' }, schema: { querystring: AdvisorsQuery, response: { 200: LintsResponse } } },
      async () => ({ lints: (await run(kind)).map(withoutFix) }));
  }

  app.get('/api/advisors', { config: { access: 'dashboard' }, schema: { querystring: DashboardQuery, response: { 200: DashboardResponse } } }, async (request) => {
    const { type } = request.query as { type?: AdvisorKind };
    const lints = type ? await run(type) : [...await run('security'), ...await run('performance')];
    return { lints, database: ctx.databases.activeDatabaseName };
  });

  app.post('/api/advisors/fix', { config: { access: 'dashboard' }, schema: { body: FixBody, response: { 200: FixResponse } } }, async (request) => {
    const { cache_key: cacheKey } = request.body as { cache_key: string };
    const db = ctx.databases.active;
    const lint = await findLint(db, cacheKey, ctx.config.dbSchemas);
    if (!lint) throw new ApiError(409, 'LINT_NOT_FOUND', 'That lint is no longer reported', { hint: 'Reload the advisors: it may have been fixed already' });
    if (!lint.fix) throw new ApiError(400, 'NO_AUTOMATIC_FIX', `${lint.title} has no automatic fix`, { hint: lint.remediation });
    const sql = lint.fix.sql;
    await db.transaction((c) => c.query(sql)).catch((err: unknown) => {
      throw isDatabaseError(err) ? fromDatabaseError(err) : err;
    });
    await ctx.audit.record({ actor: actorOf(request.auth), requestId: request.id, action: 'advisor.fix', resourceType: 'lint', resourceId: cacheKey, detail: { sql } });
    const kind: AdvisorKind = lint.categories.includes('SECURITY') ? 'security' : 'performance';
    return { fixed: lint, sql, lints: await run(kind) };
  });
}
