// Who is calling: API keys (with per-key rate limits) on /v1, the dashboard session (with CSRF) or a
// service_role key on /api. Routes state what they need with `config: { access }`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { TrestleContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { ApiKey } from '../services/keys.js';
import { RateLimiter } from '../services/rate-limiter.js';
import { SessionService, type DashboardSession } from '../services/sessions.js';

/**
 * Who may call a route; every route declares one in `config.access`.
 * - public: no credentials (health, dashboard assets, email links, public storage objects).
 * - client: an API key (anon or service_role), optionally with a user JWT as Bearer; CORS-enabled for browser apps.
 * - service_role: a service_role key (management API).
 * - dashboard: the dashboard session cookie (CSRF-checked mutations, same origin only) or a service_role key.
 */
export type Access = 'public' | 'client' | 'service_role' | 'dashboard';

export type AuthInfo =
  | { kind: 'none' }
  | { kind: 'key'; key: ApiKey }
  | { kind: 'session'; session: DashboardSession };

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthInfo;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** A public route that browser apps call cross-origin (client routes always allow CORS). */
    cors?: boolean;
  }
  interface FastifyInstance {
    trestle: TrestleContext;
  }
}

export const SESSION_COOKIE = 'trestle_session';
export const CSRF_COOKIE = 'trestle_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The actor written to the audit log. */
export function actorOf(auth: AuthInfo): string {
  if (auth.kind === 'key') return `key:${auth.key.key_prefix}`;
  if (auth.kind === 'session') return 'dashboard';
  return 'anonymous';
}

export function apiKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers.apikey ?? request.headers['x-api-key'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.trim() || undefined;
}

async function keyAuth(ctx: TrestleContext, secret: string): Promise<ApiKey> {
  const key = await ctx.keys.authenticate(secret);
  if (!key) throw new ApiError(401, 'INVALID_API_KEY', 'Invalid or revoked API key', { hint: 'Check the apikey header; keys are listed on the API keys page' });
  return key;
}

/** Session cookie or service_role key; used by /api and by the realtime WebSocket. */
export async function dashboardAuth(ctx: TrestleContext, request: FastifyRequest): Promise<AuthInfo> {
  const secret = apiKeyOf(request) ?? (request.query as Record<string, string> | undefined)?.apikey;
  if (secret) return { kind: 'key', key: await keyAuth(ctx, secret) };
  const token = request.cookies?.[SESSION_COOKIE];
  const session = token ? await ctx.sessions.verify(token) : null;
  if (!session) {
    throw new ApiError(401, 'UNAUTHENTICATED', 'Not signed in to the dashboard', {
      hint: 'Open the dashboard URL printed at start-up (it carries a one-time token), or send a service_role key in the apikey header',
    });
  }
  return { kind: 'session', session };
}

export default fp(async function authPlugin(app: FastifyInstance) {
  const ctx = app.trestle;
  const limiter = new RateLimiter();
  app.decorateRequest('auth', null as never);

  const applyRateLimit = (key: ApiKey, reply: FastifyReply) => {
    const d = limiter.hit(key.id, key.rate_limit);
    reply.header('X-RateLimit-Limit', String(d.limit));
    reply.header('X-RateLimit-Remaining', String(d.remaining));
    reply.header('X-RateLimit-Reset', String(d.reset));
    if (!d.allowed) {
      const retryAfter = String(Math.max(1, d.reset - Math.floor(Date.now() / 1000)));
      throw new ApiError(429, 'RATE_LIMITED', `Rate limit of ${d.limit} requests per minute exceeded for this key`, {
        hint: 'Wait for the window to reset or raise the key\'s rate limit', headers: { 'Retry-After': retryAfter },
      });
    }
  };

  app.addHook('onRequest', async (request, reply) => {
    request.auth = { kind: 'none' };
    const access = request.routeOptions.config?.access;
    if (access === 'public') return;
    const path = request.url;
    if (access === 'client' || path.startsWith('/v1/') || path === '/v1') {
      const secret = apiKeyOf(request);
      if (!secret) throw new ApiError(401, 'MISSING_API_KEY', 'An API key is required', { hint: 'Send it in the apikey (or x-api-key) header' });
      const key = await keyAuth(ctx, secret);
      request.auth = { kind: 'key', key };
      applyRateLimit(key, reply);
      if (access === 'service_role' && key.key_type !== 'service_role') {
        throw new ApiError(403, 'INSUFFICIENT_PERMISSIONS', 'This endpoint needs a service_role key');
      }
    } else if (path.startsWith('/api/')) {
      const auth = await dashboardAuth(ctx, request);
      if (auth.kind === 'key' && auth.key.key_type !== 'service_role') {
        throw new ApiError(403, 'INSUFFICIENT_PERMISSIONS', 'The dashboard API needs a service_role key');
      }
      if (auth.kind === 'session' && !SAFE_METHODS.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        if (!SessionService.csrfMatches(auth.session, Array.isArray(header) ? header[0] : header, request.cookies?.[CSRF_COOKIE])) {
          throw new ApiError(403, 'CSRF_MISMATCH', 'Missing or wrong X-CSRF-Token header', { hint: 'Send the value of the trestle_csrf cookie in X-CSRF-Token' });
        }
      }
      request.auth = auth;
    }
  });
}, { name: 'trestle-auth', dependencies: ['@fastify/cookie'] });
