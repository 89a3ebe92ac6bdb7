// CORS for the client-facing APIs, decided from the matched route: client routes (and public routes marked
// `cors: true`) reflect the caller's Origin; every other route (management, dashboard) never answers cross-origin.
// Preflights are real OPTIONS routes registered beside each CORS route, so the router (not a string prefix) decides
// which routes a preflight can open. Written by hand because @fastify/cors answers preflights from one wildcard
// route, where the target route's access level is not known.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { accessLevels } from './auth.js';

const EXPOSED_HEADERS = [
  'Content-Range', 'Content-Location', 'Content-Profile', 'Preference-Applied', 'X-Total-Count', 'Link', 'Location', 'ETag',
  'X-Supabase-Api-Version', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'X-Request-Id',
  'x-sb-error-code', 'Upload-Offset', 'Upload-Length', 'Upload-Metadata', 'Upload-Expires', 'Tus-Resumable', 'Tus-Version',
  'Tus-Extension', 'Tus-Max-Size', 'Content-Disposition', 'Content-Length', 'Cache-Control', 'Last-Modified',
].join(', ');

/** What supabase-js, postgrest-js, storage-js and tus clients send (used when a preflight lists no headers). */
const DEFAULT_ALLOWED_HEADERS = [
  'apikey', 'authorization', 'x-client-info', 'content-type', 'prefer', 'range', 'range-unit', 'accept-profile', 'content-profile',
  'x-upsert', 'x-supabase-api-version', 'cache-control', 'x-metadata', 'x-retry-count', 'x-request-id', 'x-api-key',
  'tus-resumable', 'upload-length', 'upload-metadata', 'upload-offset', 'upload-defer-length', 'upload-concat',
].join(', ');

const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the preflight routes this plugin adds: the methods the URL answers. */
    corsMethods?: string;
  }
}

export function allowsCors(config: RouteOptions['config'] | undefined): boolean {
  const c = config as { access?: never; cors?: boolean } | undefined;
  return c?.cors === true || accessLevels(c).includes('client');
}

function setCorsHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (!origin) return;
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Vary', 'Origin');
  reply.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

export default fp(async function corsPlugin(app: FastifyInstance) {
  const methodsByUrl = new Map<string, Set<string>>();
  const corsUrls = new Set<string>();
  app.addHook('onRoute', (route) => {
    const methods = methodsByUrl.get(route.url) ?? new Set<string>();
    for (const m of [route.method].flat()) methods.add(m);
    methodsByUrl.set(route.url, methods);
    if (allowsCors(route.config) && !route.config?.corsMethods) corsUrls.add(route.url);
  });

  app.addHook('onRequest', (request, reply, done) => {
    if (request.headers.origin !== undefined && (allowsCors(request.routeOptions.config) || request.routeOptions.config?.corsMethods)) {
      setCorsHeaders(request, reply);
    }
    done();
  });

  /** Registers the preflight routes; call after every client-facing route is registered. */
  app.decorate('registerCorsPreflights', () => {
    for (const url of corsUrls) {
      const methods = methodsByUrl.get(url)!;
      if (methods.has('OPTIONS')) continue;
      const allowMethods = [...methods, 'OPTIONS'].join(', ');
      app.route({
        method: 'OPTIONS' as HTTPMethods, url,
        config: { access: 'public', corsMethods: allowMethods },
        schema: { hide: true },
        handler: async (request, reply) => {
          const requested = request.headers['access-control-request-headers'];
          reply.header('Access-Control-Allow-Methods', allowMethods);
          reply.header('Access-Control-Allow-Headers', typeof requested === 'string' && HEADER_LIST.test(requested.trim()) ? requested.trim() : DEFAULT_ALLOWED_HEADERS);
          reply.header('Access-Control-Max-Age', '86400');
          if (request.headers['access-control-request-private-network'] === 'true') reply.header('Access-Control-Allow-Private-Network', 'true');
          reply.header('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
          return reply.code(204).send();
        },
      });
    }
  });
}, { name: 'trestle-cors' });

declare module 'fastify' {
  interface FastifyInstance {
    registerCorsPreflights(): void;
  }
}
