// Usage metrics (/v1/metrics, its dashboard twin /api/metrics) and the local plan's billing view (/v1/billing).
import type { FastifyInstance } from 'fastify';
import { BillingResponse, MetricsQuery, MetricsResponse } from './schemas.js';
import { monthUsage, readMetrics } from './metrics-service.js';

export default async function metricsRoutes(app: FastifyInstance) {
  const db = app.trestle.databases.control;
  const schema = { querystring: MetricsQuery, response: { 200: MetricsResponse } };

  type Query = { days: number; since?: string; include_dashboard?: boolean };
  const metrics = async (query: Query) => {
    await app.usage.flush();
    return readMetrics(db, query);
  };
  app.get('/v1/metrics', { config: { access: 'service_role' }, schema }, async (request) => metrics(request.query as Query));
  app.get('/api/metrics', { config: { access: 'dashboard' }, schema }, async (request) => metrics(request.query as Query));

  app.get('/v1/billing', { config: { access: 'service_role' }, schema: { response: { 200: BillingResponse } } }, async () => {
    await app.usage.flush();
    const month = await monthUsage(db);
    return {
      plan: { name: 'local' as const, description: 'Local development: everything runs on this machine, free and without limits', limits: null },
      ...month,
      charges: { total: 0, currency: 'USD', items: [] },
    };
  });
}
