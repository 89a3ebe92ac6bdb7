// GET /v1/status and /v1/modules: what this Trestle is and how it is doing, with real figures.
import type { FastifyInstance } from 'fastify';
import { platformStatus } from './status-service.js';

export default async function statusRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  app.get('/v1/status', { config: { access: 'service_role' } }, async () => platformStatus(ctx));
  app.get('/v1/modules', { config: { access: 'service_role' } }, async () => ({ modules: ctx.modules }));
}
