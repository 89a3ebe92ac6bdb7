// The caller of a /storage/v1 client route: a verified Bearer JWT decides the role (and carries the claims RLS
// reads), otherwise the API key's role. The shared auth hook does not cover /storage yet, so the API key is
// authenticated here when it has not been; once the hook sets request.auth for these routes this only maps it.
import type { FastifyRequest } from 'fastify';
import type { TrestleContext } from '../../context.js';
import { ApiError } from '../../errors.js';
import { apiKeyOf } from '../../plugins/auth.js';
import { ANON, SERVICE, type Caller } from '../../storage/caller.js';

declare module 'fastify' {
  interface FastifyRequest {
    storageCaller?: Caller;
  }
  interface FastifyContextConfig {
    /** Supabase Storage's name for what a route does, visible to policies as storage.operation(). */
    operation?: string;
  }
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new ApiError(401, 'PGRST301', 'JWT could not be verified', { detail: 'Authorization header must be "Bearer <JWT>"' });
  return m[1];
}

async function keyRole(ctx: TrestleContext, request: FastifyRequest, bearer: string | undefined): Promise<'anon' | 'service_role' | undefined> {
  if (request.auth.kind === 'key') return request.auth.key.key_type;
  // supabase-js sends the API key itself as the Bearer token when nobody is signed in.
  const secret = apiKeyOf(request) ?? (bearer?.startsWith('truss_') ? bearer : undefined);
  if (!secret) return undefined;
  const key = await ctx.keys.authenticate(secret);
  if (!key) throw new ApiError(401, 'INVALID_API_KEY', 'Invalid or revoked API key');
  request.auth = { kind: 'key', key };
  return key.key_type;
}

export async function resolveCaller(ctx: TrestleContext, request: FastifyRequest): Promise<Caller> {
  const bearer = bearerOf(request);
  const role = await keyRole(ctx, request, bearer);
  if (bearer && !bearer.startsWith('truss_')) {
    const jwt = await ctx.jwt.verify(bearer);
    return { role: jwt.role, claims: jwt.claims, sub: jwt.sub };
  }
  if (role === 'service_role') return SERVICE;
  if (role === 'anon') return ANON;
  throw new ApiError(401, 'MISSING_API_KEY', 'An API key is required', { hint: 'Send it in the apikey header, or a user JWT as Bearer' });
}

/** The caller resolved by the client routes' preHandler. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.storageCaller) throw new ApiError(500, 'INTERNAL_ERROR', 'storage route without a resolved caller');
  return request.storageCaller;
}
