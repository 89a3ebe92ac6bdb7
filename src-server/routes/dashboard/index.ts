// Serves the built dashboard at / (single-page app: unknown non-API paths get index.html).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ApiError } from '../../errors.js';
import { isReservedPath } from './reserved-paths.js';

/** The dashboard's pages are never framed (clickjacking) and never leak their URL to other sites. */
const PAGE_HEADERS = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export default async function dashboardRoutes(app: FastifyInstance, opts: { rendererDir?: string }) {
  const dir = opts.rendererDir;
  const built = dir !== undefined && fs.existsSync(path.join(dir, 'index.html'));
  if (built) {
    // @fastify/static only for reply.sendFile (its path checks, ETag, Range), without its route per file (found by a
    // glob walk at every start): the built files are served by the routes here, index.html by the not-found handler
    // below (it is every page of the single-page app).
    await app.register(fastifyStatic, { root: dir, serve: false, index: false, cacheControl: false, decorateReply: true });
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name === 'index.html') continue;
      app.get(`/${entry.name}`, { config: { access: 'public' } }, (_request, reply) => reply.sendFile(entry.name));
    }
    app.get('/assets/*', { config: { access: 'public' } }, (request, reply) => {
      const rel = (request.params as { '*': string })['*'];
      return reply.header('Cache-Control', 'public, max-age=31536000, immutable').sendFile(path.posix.join('assets', rel));
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !isReservedPath(request.url)) {
      if (!built) {
        return reply.code(503).type('text/plain').send('The dashboard is not built. Run `npm run build` (npm start does it for you).');
      }
      return reply.headers(PAGE_HEADERS).sendFile('index.html');
    }
    throw new ApiError(404, 'NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`);
  });
}
