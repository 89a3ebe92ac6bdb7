// Who is calling, decided from the matched route's `config.access` (never from the URL string): API keys with an
// optional user JWT on client routes, service_role keys on management routes, the dashboard session (CSRF-checked,
// same-origin only) or a service_role key on dashboard routes. Every route must declare its access level.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { TrestleContext } from '../context.js';
import { ApiError } from '../errors.js';
import { apiKeyHeader, apiKeyQuery, bearerOf } from '../security/credentials.js';
import type { ApiRole, VerifiedJwt } from '../security/jwt.js';
import type { ApiKey } from '../services/keys.js';
import { RateLimiter } from '../services/rate-limiter.js';
import { SessionService, type DashboardSession } from '../services/sessions.js';
import { isCrossOrigin } from './origin.js';

/**
 * Who may call a route; every route declares one (or a list: the first whose credentials are present) in `config.access`.
 * - public: no credentials (health, dashboard assets, email links, public storage objects).
 * - client: an API key (anon or service_role), optionally with a user JWT as Bearer, or a user JWT alone; CORS-enabled.
 * - service_role: a service_role key (management API).
 * - dashboard: the dashboard session cookie (CSRF-checked mutations, same origin only) or a service_role key.
 */
export type Access = 'public' | 'client' | 'service_role' | 'dashboard';

export type AuthInfo =
  | { kind: 'none' }
  /** `role` is the database role the request acts as: the verified JWT's role when one was sent, else the key's. */
  | { kind: 'key'; key: ApiKey; role: ApiRole; jwt?: VerifiedJwt }
  /** A verified user JWT without an API key (client routes accept it, as PostgREST and Supabase Storage do). */
  | { kind: 'jwt'; role: ApiRole; jwt: VerifiedJwt }
  | { kind: 'session'; session: DashboardSession };

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthInfo;
  }
  interface FastifyContextConfig {
    access?: Access | Access[];
    /** A public route that browser apps call cross-origin (client routes always allow CORS). */
    cors?: boolean;
  }
  interface FastifyInstance {
    trestle: TrestleContext;
    /** Every registered route with its access levels (for the attack tests and the gateway's system rules). */
    routeAccess(): Array<{ method: string; url: string; access: Access[]; websocket: boolean }>;
  }
}

export const SESSION_COOKIE = 'trestle_session';
export const CSRF_COOKIE = 'trestle_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const NONE: AuthInfo = { kind: 'none' };
/** Unknown or revoked keys an address may try per minute before it is throttled (key floods stay cheap). */
const FAILED_KEYS_PER_MINUTE = 60;

/** The actor written to the audit log. */
export function actorOf(auth: AuthInfo): string {
  if (auth.kind === 'key') return `key:${auth.key.key_prefix}`;
  if (auth.kind === 'session') return 'dashboard';
  if (auth.kind === 'jwt') return `jwt:${auth.jwt.sub || auth.role}`;
  return 'anonymous';
}

export function accessLevels(config: { access?: Access | Access[] } | undefined): Access[] {
  const access = config?.access;
  return access === undefined ? [] : Array.isArray(access) ? access : [access];
}

const missingKey = () => new ApiError(401, 'MISSING_API_KEY', 'An API key is required', { hint: 'Send it in the apikey (or x-api-key) header' });
const needsServiceKey = (what: string) => new ApiError(403, 'INSUFFICIENT_PERMISSIONS', `${what} needs a service_role key`);

export default fp(async function authPlugin(app: FastifyInstance) {
  const ctx = app.trestle;
  const limiter = new RateLimiter();
  const failedKeys = new RateLimiter();
  app.decorateRequest('auth', null as never);

  // Every route must say who may call it. Checked once all plugins have added their routes (some set it in onRoute).
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  app.decorate('routeAccess', () => routes.flatMap((r) => [r.method].flat().map((method) => ({
    method, url: r.url, access: accessLevels(r.config as { access?: Access | Access[] }), websocket: (r as { websocket?: boolean }).websocket === true,
  }))));
  app.addHook('onReady', async () => {
    const missing = routes.filter((r) => accessLevels(r.config as { access?: Access | Access[] }).length === 0);
    if (missing.length) {
      throw new Error(`Routes without an access level (config.access): ${missing.map((r) => `${[r.method].flat().join(',')} ${r.url}`).join('; ')}`);
    }
  });

  /** The key for a secret; synchronous when the key is cached (the common case), a promise when it must be looked up. */
  function keyFor(secret: string, request: FastifyRequest): ApiKey | Promise<ApiKey> {
    // An address sending many bad keys is throttled, except for keys already known good (its other apps keep working).
    const throttled = failedKeys.peek(request.ip, FAILED_KEYS_PER_MINUTE);
    if (throttled && !ctx.keys.isKnown(secret)) {
      throw new ApiError(429, 'TOO_MANY_INVALID_KEYS', 'Too many requests with invalid API keys from this address', {
        headers: { 'Retry-After': String(throttled) },
      });
    }
    const key = ctx.keys.authenticate(secret);
    return key instanceof Promise ? key.then((k) => validKey(k, request)) : validKey(key, request);
  }

  function validKey(key: ApiKey | null, request: FastifyRequest): ApiKey {
    if (!key) {
      failedKeys.hit(request.ip, FAILED_KEYS_PER_MINUTE);
      throw new ApiError(401, 'INVALID_API_KEY', 'Invalid or revoked API key', { hint: 'Check the apikey header; keys are listed on the API keys page' });
    }
    return key;
  }

  const applyRateLimit = (key: ApiKey, reply: FastifyReply) => {
    if (key.rate_limit === null) return;
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

  /**
   * An API key, with the Bearer taking precedence for the role: a verified JWT's role, or the Bearer key's type.
   * Synchronous for a cached key without a JWT (most requests); a promise otherwise.
   */
  function clientAuth(request: FastifyRequest, allowQueryKey: boolean): AuthInfo | Promise<AuthInfo> {
    const bearer = bearerOf(request);
    if (bearer.kind === 'malformed') {
      throw new ApiError(401, 'PGRST301', 'Authorization header must be "Bearer <token>"', { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    const headerSecret = apiKeyHeader(request) ?? (allowQueryKey ? apiKeyQuery(request) : undefined);
    const secret = headerSecret ?? (bearer.kind === 'key' ? bearer.secret : undefined);
    if (!secret && bearer.kind === 'jwt') return ctx.jwt.verify(bearer.token).then((jwt): AuthInfo => ({ kind: 'jwt', role: jwt.role, jwt }));
    if (!secret) throw missingKey();
    const key = keyFor(secret, request);
    if (bearer.kind === 'none' || (bearer.kind === 'key' && bearer.secret === secret)) {
      return key instanceof Promise ? key.then((k) => keyInfo(k)) : keyInfo(key);
    }
    return (async (): Promise<AuthInfo> => {
      const k = await key;
      if (bearer.kind === 'jwt') {
        const jwt = await ctx.jwt.verify(bearer.token);
        return { kind: 'key', key: k, role: jwt.role, jwt };
      }
      const bearerKey = await keyFor(bearer.secret, request);
      return { kind: 'key', key: k, role: bearerKey.key_type };
    })();
  }

  const keyInfo = (key: ApiKey): AuthInfo & { kind: 'key' } => ({ kind: 'key', key, role: key.key_type });

  /** A key (its type checked by the caller, after the rate limit counted the request). */
  function keyAuth(request: FastifyRequest, allowQueryKey = false): (AuthInfo & { kind: 'key' }) | Promise<AuthInfo & { kind: 'key' }> {
    const bearer = bearerOf(request);
    const secret = apiKeyHeader(request) ?? (allowQueryKey ? apiKeyQuery(request) : undefined) ?? (bearer.kind === 'key' ? bearer.secret : undefined);
    if (!secret) throw missingKey();
    const key = keyFor(secret, request);
    return key instanceof Promise ? key.then(keyInfo) : keyInfo(key);
  }

  async function dashboardAuth(request: FastifyRequest, websocket: boolean): Promise<AuthInfo> {
    if (isCrossOrigin(request)) {
      throw new ApiError(403, 'CROSS_ORIGIN_REFUSED', 'The dashboard API does not answer requests from other origins', {
        hint: 'Call it from the dashboard itself, or from a script with a service_role key and no Origin header',
      });
    }
    if (apiKeyHeader(request) || (websocket && apiKeyQuery(request)) || bearerOf(request).kind === 'key') {
      const auth = await keyAuth(request, websocket);
      if (auth.role !== 'service_role') throw needsServiceKey('The dashboard API');
      return auth;
    }
    const token = request.cookies?.[SESSION_COOKIE];
    const session = token ? await ctx.sessions.verify(token) : null;
    if (!session) {
      throw new ApiError(401, 'UNAUTHENTICATED', 'Not signed in to the dashboard', {
        hint: 'Open the dashboard URL printed at start-up (it carries a one-time token), or send a service_role key in the apikey header',
      });
    }
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (!SessionService.csrfMatches(session, Array.isArray(header) ? header[0] : header, request.cookies?.[CSRF_COOKIE])) {
        throw new ApiError(403, 'CSRF_MISMATCH', 'Missing or wrong X-CSRF-Token header', { hint: 'Send the value of the trestle_csrf cookie in X-CSRF-Token' });
      }
    }
    return { kind: 'session', session };
  }

  /** With several levels, the first whose credentials the request carries decides; a request with none gets the first's error. */
  function pickLevel(levels: Access[], request: FastifyRequest, websocket: boolean): Access {
    if (levels.length === 1) return levels[0];
    const hasKey = Boolean(apiKeyHeader(request) || (websocket && apiKeyQuery(request)) || bearerOf(request).kind !== 'none');
    const hasSession = Boolean(request.cookies?.[SESSION_COOKIE]);
    return levels.find((level) => (level === 'dashboard' ? hasSession || hasKey : level === 'public' || hasKey)) ?? levels[0];
  }

  /** What the matched route's access level asks of the request; a promise only when something must be awaited. */
  function authorize(request: FastifyRequest, reply: FastifyReply): void | Promise<void> {
    request.auth = NONE;
    const levels = accessLevels(request.routeOptions.config);
    // No route matched (the not-found handler): nothing to protect.
    if (levels.length === 0) return;
    const websocket = (request.routeOptions as { websocket?: boolean }).websocket === true || request.headers.upgrade?.toLowerCase() === 'websocket';
    const level = pickLevel(levels, request, websocket);
    if (level === 'public') return;
    if (level === 'dashboard') {
      // The dashboard (and scripts driving /api with the service key) is not throttled.
      return dashboardAuth(request, websocket).then((auth) => void (request.auth = auth));
    }
    const auth = level === 'client' ? clientAuth(request, websocket) : keyAuth(request);
    if (auth instanceof Promise) return auth.then((a) => admit(a, level, request, reply));
    admit(auth, level, request, reply);
  }

  function admit(auth: AuthInfo, level: Access, request: FastifyRequest, reply: FastifyReply): void {
    request.auth = auth;
    if (auth.kind === 'key') applyRateLimit(auth.key, reply);
    if (level === 'service_role' && auth.kind === 'key' && auth.key.key_type !== 'service_role') throw needsServiceKey('This endpoint');
  }

  // A callback hook: requests whose key is cached pass without a promise or a microtask.
  app.addHook('onRequest', (request, reply, done) => {
    let pending: void | Promise<void>;
    try {
      pending = authorize(request, reply);
    } catch (err) {
      return done(err as Error);
    }
    if (pending) pending.then(() => done(), done);
    else done();
  });
}, { name: 'trestle-auth', dependencies: ['@fastify/cookie'] });
