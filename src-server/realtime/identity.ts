// Whose eyes a realtime subscriber sees with. A socket opens with an API key (and maybe a Bearer JWT); each channel
// may bring its own `access_token`: a user JWT (verified with the project's keys), or an API key, meaning its role.
import type { TrestleContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { AuthInfo } from '../plugins/auth.js';
import { keyTypeOfSecret } from '../services/keys.js';
import { RealtimeError } from './errors.js';
import type { Audience, AudienceRole } from './types.js';

export interface SubscriberIdentity {
  audience: Audience;
  /** The API key this identity rests on (revoking it ends the subscription). */
  keyId?: string;
  /** Expiry of the JWT, in seconds since the epoch. */
  exp?: number;
  /** The token the channel sent, to recognise an unchanged refresh. */
  token?: string;
}

export function audienceOf(role: AudienceRole, claims: Record<string, unknown>, sub = ''): Audience {
  const json = JSON.stringify(claims);
  return { key: `${role}\n${json}`, role, claims: json, sub };
}

const OWNER: Audience = audienceOf('owner', { role: 'service_role' });

/** The identity of the socket's own credentials (route auth): the dashboard session sees as the owner. */
export function connectionIdentity(auth: AuthInfo): SubscriberIdentity {
  if (auth.kind === 'session') return { audience: OWNER };
  if (auth.kind !== 'key') throw new ApiError(401, 'MISSING_API_KEY', 'An API key is required');
  if (auth.jwt) {
    const exp = typeof auth.jwt.claims.exp === 'number' ? auth.jwt.claims.exp : undefined;
    return { audience: audienceOf(auth.jwt.role, auth.jwt.claims, auth.jwt.sub), keyId: auth.key.id, exp };
  }
  return { audience: audienceOf(auth.role, { role: auth.role }), keyId: auth.key.id };
}

/** A failed access token: the message says why, in the wording the protocol reports. */
export class TokenError extends Error {}

/** The identity an access_token gives; absent (or a Supabase `sb_` key) means the socket's own. */
export async function tokenIdentity(ctx: TrestleContext, token: unknown, fallback: SubscriberIdentity): Promise<SubscriberIdentity> {
  if (token === undefined || token === null || token === '' || (typeof token === 'string' && token.startsWith('sb_'))) return fallback;
  if (typeof token !== 'string') throw new TokenError(RealtimeError.join.invalidToken('access_token must be a string'));
  if (keyTypeOfSecret(token)) {
    const key = await ctx.keys.authenticate(token);
    if (!key) throw new TokenError(RealtimeError.join.invalidKey);
    return { audience: audienceOf(key.key_type, { role: key.key_type }), keyId: key.id, token };
  }
  try {
    const jwt = await ctx.jwt.verify(token);
    const exp = typeof jwt.claims.exp === 'number' ? jwt.claims.exp : undefined;
    if (exp !== undefined && exp * 1000 <= Date.now()) throw new TokenError(RealtimeError.shutdown.tokenExpired);
    return { audience: audienceOf(jwt.role, jwt.claims, jwt.sub), keyId: fallback.keyId, exp, token };
  } catch (err) {
    if (err instanceof TokenError) throw err;
    const message = err instanceof ApiError ? err.message : 'The token provided is not a valid JWT';
    throw new TokenError(message === 'JWT expired' ? RealtimeError.shutdown.tokenExpired : RealtimeError.join.invalidToken(message));
  }
}

/** Still allowed to receive rows: the token has not expired (checked on every delivery, not only by the timer). */
export function unexpired(identity: SubscriberIdentity, nowMs = Date.now()): boolean {
  return identity.exp === undefined || identity.exp * 1000 > nowMs;
}
