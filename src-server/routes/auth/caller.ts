// Who calls a GoTrue endpoint: the API key (apikey header, or the key sent as Bearer) and, for user endpoints, the
// verified access token. Uses what the shared auth hook put on the request when it did, else checks itself.
import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from '../../auth/module.js';
import { authError, AuthError } from '../../auth/errors.js';
import { ApiError } from '../../errors.js';
import type { ApiKey } from '../../services/keys.js';
import type { VerifiedJwt } from '../../security/jwt.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const isApiKey = (s: string) => s.startsWith('truss_');

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/** The API key of a client route; the shared hook's when it authenticated one. */
export async function apiKeyOf(request: FastifyRequest): Promise<ApiKey> {
  const auth = request.auth as { kind: string; key?: ApiKey } | undefined;
  if (auth?.kind === 'key' && auth.key) return auth.key;
  const raw = request.headers.apikey;
  const bearer = bearerOf(request);
  const secret = (Array.isArray(raw) ? raw[0] : raw)?.trim() || (bearer && isApiKey(bearer) ? bearer : undefined);
  if (!secret) throw authError('no_api_key');
  const key = await request.server.trestle.keys.authenticate(secret);
  if (!key) throw authError('invalid_api_key');
  return key;
}

/** The verified user JWT of the request, or null when the Bearer is absent or an API key. */
export async function userJwtOf(request: FastifyRequest): Promise<VerifiedJwt | null> {
  const fromHook = (request.auth as { jwt?: VerifiedJwt } | undefined)?.jwt;
  if (fromHook) return fromHook;
  const token = bearerOf(request);
  if (!token || isApiKey(token)) return null;
  try {
    return await request.server.trestle.jwt.verify(token);
  } catch (err) {
    if (err instanceof ApiError) throw authError('bad_jwt', `invalid JWT: unable to parse or verify signature, ${err.message}`);
    throw err;
  }
}

/** Endpoints of the signed-in user (GET/PUT /user, /logout, /factors…). */
export async function requireUser(request: FastifyRequest): Promise<Record<string, unknown>> {
  await apiKeyOf(request);
  const jwt = await userJwtOf(request);
  if (!jwt) throw authError('no_authorization');
  return jwt.claims;
}

/** Admin endpoints: the service_role key (as apikey or Bearer), or a JWT whose role is service_role. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  const key = await apiKeyOf(request);
  const jwt = await userJwtOf(request);
  const bearer = bearerOf(request);
  const role = jwt ? jwt.role : bearer && isApiKey(bearer) ? (await keyType(request, bearer)) : key.key_type;
  if (role !== 'service_role') throw new AuthError('not_admin', 'User not allowed');
}

async function keyType(request: FastifyRequest, secret: string): Promise<string | undefined> {
  return (await request.server.trestle.keys.authenticate(secret))?.key_type;
}

export function clientInfo(request: FastifyRequest, key?: ApiKey): ClientInfo {
  const host = request.headers.host ?? `127.0.0.1:${request.server.trestle.config.port}`;
  const ua = request.headers['user-agent'];
  const referer = request.headers.referer;
  return {
    ip: request.ip, userAgent: typeof ua === 'string' ? ua : undefined, externalUrl: `${request.protocol}://${host}`,
    referer: typeof referer === 'string' ? referer : undefined, actor: key ? `key:${key.key_prefix}` : 'anonymous', requestId: request.id,
  };
}

/** The API key, and what flows need about the caller. */
export async function clientOf(request: FastifyRequest): Promise<ClientInfo> {
  return clientInfo(request, await apiKeyOf(request));
}

/** auth-js sends null for absent optional fields; flows take them as absent. */
export function withoutNulls<T extends object>(body: T | null | undefined): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(body ?? {}).filter(([, v]) => v !== null)) as { [K in keyof T]?: Exclude<T[K], null> };
}
