// The database identity a request acts as: its API role and the JWT claims that RLS policies read.
import type { AuthInfo } from '../plugins/auth.js';
import { ApiError } from '../errors.js';
import type { ApiRole } from './jwt.js';

export interface DbIdentity {
  role: ApiRole;
  /** `request.jwt.claims` as JSON text. */
  claims: string;
  sub: string;
  /** A verified user JWT was presented (PostgREST answers 403 instead of 401 for permission errors then). */
  hasJwt: boolean;
}

/** The identity with the statement timeout its role gets. */
export interface RequestIdentity extends DbIdentity {
  timeoutMs: number;
}

const KEY_IDENTITIES: Record<ApiRole, DbIdentity> = {
  anon: { role: 'anon', claims: '{"role":"anon"}', sub: '', hasJwt: false },
  authenticated: { role: 'authenticated', claims: '{"role":"authenticated"}', sub: '', hasJwt: false },
  service_role: { role: 'service_role', claims: '{"role":"service_role"}', sub: '', hasJwt: false },
};

export function dbIdentity(auth: AuthInfo): DbIdentity {
  if (auth.kind !== 'key' && auth.kind !== 'jwt') throw new ApiError(401, 'MISSING_API_KEY', 'An API key is required');
  if (!auth.jwt) return KEY_IDENTITIES[auth.role];
  return { role: auth.role, claims: JSON.stringify(auth.jwt.claims), sub: auth.jwt.sub, hasJwt: true };
}
