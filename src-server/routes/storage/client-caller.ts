// The caller of a /storage/v1 client route, from what the shared auth hook verified: a user JWT decides the role
// and carries the claims RLS reads (with or without an API key, as Supabase Storage accepts), otherwise the key's role.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.js';
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

export function resolveCaller(request: FastifyRequest): Caller {
  const auth = request.auth;
  if ((auth.kind === 'key' || auth.kind === 'jwt') && auth.jwt) return { role: auth.jwt.role, claims: auth.jwt.claims, sub: auth.jwt.sub };
  if (auth.kind === 'key') return auth.role === 'service_role' ? SERVICE : ANON;
  throw new ApiError(401, 'MISSING_API_KEY', 'An API key is required', { hint: 'Send it in the apikey header, or a user JWT as Bearer' });
}

/** The caller resolved by the client routes' preHandler. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.storageCaller) throw new ApiError(500, 'INTERNAL_ERROR', 'storage route without a resolved caller');
  return request.storageCaller;
}
