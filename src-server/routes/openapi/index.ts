// The OpenAPI document (/v1/openapi.json for API keys, /api/openapi.json for the dashboard) and the interactive
// reference at /api/docs, served from the @fastify/swagger-ui package itself: no CDN, nothing loaded from outside.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import fastifySwaggerUi from '@fastify/swagger-ui';

const OpenApiDocument = Type.Object({ openapi: Type.String() }, { additionalProperties: true, description: 'OpenAPI 3.1 document' });

// Swagger UI styles itself inline; everything else must come from this server.
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'";

export default async function openapiRoutes(app: FastifyInstance) {
  const document = { schema: { response: { 200: OpenApiDocument } } };
  app.get('/v1/openapi.json', { config: { access: 'service_role' }, ...document }, async () => app.swagger());
  app.get('/api/openapi.json', { config: { access: 'dashboard' }, ...document }, async () => app.swagger());

  // The reference's pages and assets take no route config from the plugin: they are dashboard routes like /api/*.
  app.addHook('onRoute', (route) => void (route.config = { ...route.config, access: route.config?.access ?? 'dashboard' }));
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: DOCS_CSP,
    validatorUrl: false,
    theme: { title: 'Trestle API reference' },
    uiConfig: { urls: [{ url: '/api/openapi.json', name: 'Trestle API' }], deepLinking: true, tryItOutEnabled: false },
  });
}
