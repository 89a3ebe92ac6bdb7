// Serves the built dashboard at / (single-page app: unknown non-API paths get index.html).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ApiError } from '../../errors.js';

const API_PREFIXES = ['/api/', '/v1/', '/rest/', '/auth/', '/realtime'];

export default async function dashboardRoutes(app: FastifyInstance, opts: { rendererDir?: string }) {
  const dir = opts.rendererDir;
  const built = dir !== undefined && fs.existsSync(path.join(dir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: false, cacheControl: false, decorateReply: true });
    app.get('/assets/*', { config: { access: 'public' } }, (request, reply) => {
      const rel = (request.params as { '*': string })['*'];
      return reply.header('Cache-Control', 'public, max-age=31536000, immutable').sendFile(path.posix.join('assets', rel));
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = API_PREFIXES.some((p) => request.url.startsWith(p));
    if (request.method === 'GET' && !isApi) {
      if (!built) {
        return reply.code(503).type('text/plain').send('The dashboard is not built. Run `npm run build` (npm start does it for you).');
      }
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    throw new ApiError(404, 'NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`);
  });
}
