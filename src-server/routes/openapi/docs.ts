// The interactive API reference at /api/docs: Swagger UI from the swagger-ui-dist package, served by this server (no
// CDN, nothing loaded from outside), reading the dashboard's /api/openapi.json. The page and its initializer are
// written here — a few lines, against a plugin that loaded a YAML library and a second static-file server at every
// start — and the assets are the package's own files.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

// Swagger UI styles itself inline; everything else must come from this server.
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'";
const PREFIX = '/api/docs';
const ASSETS = new Set(['swagger-ui.css', 'index.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png', 'favicon-16x16.png']);

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>Trestle API reference</title>
  <link rel="stylesheet" type="text/css" href="${PREFIX}/static/swagger-ui.css">
  <link rel="stylesheet" type="text/css" href="${PREFIX}/static/index.css">
  <link rel="icon" type="image/png" href="${PREFIX}/static/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="${PREFIX}/static/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${PREFIX}/static/swagger-ui-bundle.js" charset="UTF-8"></script>
  <script src="${PREFIX}/static/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
  <script src="${PREFIX}/static/swagger-initializer.js" charset="UTF-8"></script>
</body>
</html>
`;

const UI_CONFIG = {
  urls: [{ url: '/api/openapi.json', name: 'Trestle API' }],
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: false,
  validatorUrl: null,
  layout: 'StandaloneLayout',
};

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle(Object.assign(${JSON.stringify(UI_CONFIG)}, {
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl]
  }));
};
`;

export default async function docsRoutes(app: FastifyInstance) {
  const root = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  await app.register(fastifyStatic, { root, serve: false, index: false, decorateReply: true });
  const config = { access: 'dashboard' as const };
  const hidden = { hide: true };

  app.get(PREFIX, { config, schema: hidden }, (_request, reply) =>
    reply.header('content-security-policy', DOCS_CSP).type('text/html; charset=utf-8').send(PAGE));
  app.get(`${PREFIX}/static/swagger-initializer.js`, { config, schema: hidden }, (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send(INITIALIZER));
  app.get<{ Params: { file: string } }>(`${PREFIX}/static/:file`, { config, schema: hidden }, (request, reply) => {
    if (!ASSETS.has(request.params.file)) return reply.callNotFound();
    return reply.header('content-security-policy', DOCS_CSP).sendFile(request.params.file);
  });
}
