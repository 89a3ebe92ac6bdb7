// The OpenAPI document (/v1/openapi.json for API keys, /api/openapi.json for the dashboard) and the interactive
// reference at /api/docs (docs.ts).
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import docsRoutes from './docs.js';

const OpenApiDocument = Type.Object({ openapi: Type.String() }, { additionalProperties: true, description: 'OpenAPI 3.1 document' });

export default async function openapiRoutes(app: FastifyInstance) {
  const document = { schema: { response: { 200: OpenApiDocument } } };
  app.get('/v1/openapi.json', { config: { access: 'service_role' }, ...document }, async () => app.swagger());
  app.get('/api/openapi.json', { config: { access: 'dashboard' }, ...document }, async () => app.swagger());

  await app.register(docsRoutes);
}
