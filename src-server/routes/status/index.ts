// GET /v1/status and /v1/modules (+ the dashboard's /api/modules): what this Trestle is and how it is doing, with real figures.
import type { FastifyInstance } from 'fastify';
import { platformStatus } from './status-service.js';
import { ModulesResponse, StatusResponse } from './schemas.js';

export default async function statusRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const config = { access: 'service_role' as const };
  app.get('/v1/status', { config, schema: { response: { 200: StatusResponse } } }, async () => platformStatus(ctx));
  app.get('/v1/modules', { config, schema: { response: { 200: ModulesResponse } } }, async () => ({ modules: ctx.modules }));
  app.get('/api/modules', { config: { access: 'dashboard' }, schema: { response: { 200: ModulesResponse } } }, async () => ({ modules: ctx.modules }));
}
