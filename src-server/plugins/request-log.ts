// Feeds the dashboard's API request log (logs/request-log.ts) from an onResponse hook: method, path without its query
// string, status, duration, key prefix and role. Cheap: one object into a ring buffer, no I/O on the request path.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { RequestLog } from '../logs/request-log.js';
import { isReservedPath } from '../routes/dashboard/reserved-paths.js';

declare module 'fastify' {
  interface FastifyInstance {
    requestLog: RequestLog;
  }
}

const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);

/** The role a user JWT (Bearer, not an API key) claims; the request itself verified it or answered 401. */
function bearerRole(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const role = (JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { role?: unknown }).role;
    return typeof role === 'string' && API_ROLES.has(role) ? role : null;
  } catch {
    return null;
  }
}

/** Whether a request belongs in the log: API paths, not the dashboard's pages and assets. */
function logged(path: string): boolean {
  return isReservedPath(path) && !path.startsWith('/assets/');
}

export default fp(async function requestLogPlugin(app: FastifyInstance) {
  const log = new RequestLog();
  app.decorate('requestLog', log);
  // By the matched route's pattern (every request a route matches is an API request or none is, wildcards too: a
  // pattern's static part decides); by the path for requests no route matched.
  const byRoute = new Map<string, boolean>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    const path = request.url.split('?')[0];
    let keep = route === undefined ? logged(path) : byRoute.get(route);
    if (keep === undefined) byRoute.set(route!, (keep = logged(route!)));
    if (!keep) return done();
    const auth = request.auth;
    const key = auth?.kind === 'key' ? auth.key : null;
    log.add({
      method: request.method, path: path.length > 500 ? path.slice(0, 500) + '…' : path, status: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100, key_prefix: key?.key_prefix ?? null,
      role: auth?.kind === 'session' ? 'dashboard' : key ? bearerRole(request) ?? key.key_type : 'none',
      source: auth?.kind === 'session' ? 'dashboard' : 'app', request_id: request.id,
    });
    done();
  });
}, { name: 'trestle-request-log' });
