// Who calls a GoTrue endpoint, as the shared auth hook established it from the route's `client` access: the API key
// (apikey header, or the key sent as Bearer), the role the request acts as, and the verified user JWT if one was sent.
import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from '../../auth/module.js';
import { authError, AuthError } from '../../auth/errors.js';
import { actorOf, type AuthInfo } from '../../plugins/auth.js';

/** An API key (with an optional user JWT), or a user JWT alone: both are client credentials. */
function keyAuth(request: FastifyRequest): AuthInfo & { kind: 'key' | 'jwt' } {
  const auth = request.auth;
  if (auth?.kind !== 'key' && auth?.kind !== 'jwt') throw authError('no_api_key');
  return auth;
}

/** Endpoints of the signed-in user (GET/PUT /user, /logout, /factors…): the verified access token's claims. */
export function requireUser(request: FastifyRequest): Record<string, unknown> {
  const jwt = keyAuth(request).jwt;
  if (!jwt) throw authError('no_authorization');
  return jwt.claims;
}

/** Admin endpoints: GoTrue checks the Bearer's role, here the service_role key (as Bearer or apikey) or a JWT of that role. */
export function requireAdmin(request: FastifyRequest): void {
  if (keyAuth(request).role !== 'service_role') throw new AuthError('not_admin', 'User not allowed');
}

/** What flows need to know about the caller; the API's base URL is the one the app used (its Host header). */
export function clientInfo(request: FastifyRequest): ClientInfo {
  const host = request.headers.host ?? `127.0.0.1:${request.server.trestle.config.port}`;
  const ua = request.headers['user-agent'];
  const referer = request.headers.referer;
  return {
    ip: request.ip, userAgent: typeof ua === 'string' ? ua : undefined, externalUrl: `${request.protocol}://${host}`,
    referer: typeof referer === 'string' ? referer : undefined, actor: actorOf(request.auth ?? { kind: 'none' }), requestId: request.id,
  };
}

/** auth-js sends null for absent optional fields; flows take them as absent. */
export function withoutNulls<T extends object>(body: T | null | undefined): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(body ?? {}).filter(([, v]) => v !== null)) as { [K in keyof T]?: Exclude<T[K], null> };
}
