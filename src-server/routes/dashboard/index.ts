// Serves the built dashboard at / (single-page app: unknown non-API paths get index.html).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ApiError } from '../../errors.js';

// Unknown paths under these answer a JSON 404, never the dashboard's HTML (a client misspelling a path gets an error).
const API_PREFIXES = ['/api', '/v1', '/rest', '/auth', '/storage', '/realtime', '/oauth2', '/.well-known', '/functions', '/graphql'];

/** The path as a lenient server would read it: decoded, backslashes as slashes, `;params` dropped, dots resolved. */
function normalisedPath(url: string): string {
  let p = url.split(/[?#]/)[0];
  try {
    for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(p); i++) p = decodeURIComponent(p);
  } catch {
    // Malformed escapes: judge the path as it is.
  }
  p = p.replace(/\\/g, '/').replace(/;[^/]*/g, '');
  return path.posix.normalize('/' + p).toLowerCase();
}

/** Whether a path that matched no route is meant for an API (however it is spelled): those get a JSON 404. */
const isApiPath = (url: string) => {
  const p = normalisedPath(url);
  const control = [...p].some((c) => c.charCodeAt(0) < 0x20);
  return control || API_PREFIXES.some((prefix) => p === prefix || p.startsWith(prefix + '/'));
};

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
    // @fastify/static adds one route per built file (marked by `config.file`) and takes no route config of ours:
    // those are the public dashboard files.
    app.addHook('onRoute', (route) => {
      const config = route.config as { file?: string; access?: string } | undefined;
      if (config?.file !== undefined && config.access === undefined) route.config = { ...route.config, access: 'public' };
    });
    await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: false, cacheControl: false, decorateReply: true });
    app.get('/assets/*', { config: { access: 'public' } }, (request, reply) => {
      const rel = (request.params as { '*': string })['*'];
      return reply.header('Cache-Control', 'public, max-age=31536000, immutable').sendFile(path.posix.join('assets', rel));
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = isApiPath(request.url);
    if (request.method === 'GET' && !isApi) {
      if (!built) {
        return reply.code(503).type('text/plain').send('The dashboard is not built. Run `npm run build` (npm start does it for you).');
      }
      return reply.headers(PAGE_HEADERS).sendFile('index.html');
    }
    throw new ApiError(404, 'NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`);
  });
}
