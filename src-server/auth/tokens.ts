// Access tokens: GoTrue's claims (tokens/service.go), the custom access token hook, the signing key the settings
// choose, and the session response auth-js stores.
import { quoteIdent } from '../db/quote.js';
import { isDatabaseError } from '../db/pg-errors.js';
import type { Tx } from './db.js';
import { AuthError } from './errors.js';
import type { SessionGrant } from './sessions.js';
import { parseHookUri, type AuthSettings } from './settings.js';
import type { SigningKeys } from './signing-keys.js';
import { userJson, type User } from './users.js';

/** GoTrue's authentication_method names, as the hook receives them. */
export type AuthMethod = 'password' | 'otp' | 'magiclink' | 'email/signup' | 'recovery' | 'invite' | 'email_change' | 'token_refresh' | 'anonymous' | 'totp' | 'pkce' | 'impersonation' | 'oauth';

export interface SessionResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
  weak_password?: { reasons: string[] };
}

const REQUIRED_HOOK_CLAIMS = ['aud', 'exp', 'iat', 'sub', 'email', 'phone', 'role', 'aal', 'session_id', 'is_anonymous'];

export class TokenIssuer {
  constructor(private readonly keys: SigningKeys) {}

  claimsFor(user: User, grant: Pick<SessionGrant, 'sessionId' | 'aal' | 'amr'>, issuer: string, settings: AuthSettings, nowS = Math.floor(Date.now() / 1000)) {
    return {
      iss: issuer,
      sub: user.id,
      aud: user.aud || 'authenticated',
      exp: nowS + settings.jwt_expiry,
      iat: nowS,
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role || 'authenticated',
      aal: grant.aal,
      amr: grant.amr,
      session_id: grant.sessionId,
      is_anonymous: user.is_anonymous,
    };
  }

  /** Signs the access token, after the custom access token hook (in the caller's transaction) when one is enabled. */
  async accessToken(tx: Tx | null, user: User, grant: Pick<SessionGrant, 'sessionId' | 'aal' | 'amr'>, method: AuthMethod, issuer: string, settings: AuthSettings) {
    let claims: Record<string, unknown> = this.claimsFor(user, grant, issuer, settings);
    if (settings.hook_custom_access_token.enabled) {
      if (!tx) throw new Error('the access token hook needs the token-issuing transaction');
      claims = await runAccessTokenHook(tx, settings.hook_custom_access_token.uri, { user_id: user.id, claims, authentication_method: method });
    }
    return { token: await this.keys.sign(claims, settings.signing_key), expiresAt: Number(claims.exp), claims };
  }

  async session(tx: Tx | null, user: User, grant: SessionGrant, method: AuthMethod, issuer: string, settings: AuthSettings): Promise<SessionResponse> {
    const { token, expiresAt } = await this.accessToken(tx, user, grant, method, issuer, settings);
    return {
      access_token: token, token_type: 'bearer', expires_in: settings.jwt_expiry, expires_at: expiresAt,
      refresh_token: grant.refreshToken, user: userJson(user),
    };
  }
}

/** GoTrue's pg-functions hook call: a 2 s statement timeout, `select "<schema>"."<fn>"($1)`, then its output checked. */
async function runAccessTokenHook(tx: Tx, uri: string, input: { user_id: string; claims: Record<string, unknown>; authentication_method: string }): Promise<Record<string, unknown>> {
  const target = parseHookUri(uri);
  if (!target) throw new AuthError('unexpected_failure', `Error running hook URI: ${uri} is not a pg-functions:// URI`, 500);
  let output: unknown;
  try {
    await tx.query(`SET LOCAL statement_timeout TO '2000'`);
    const { rows } = await tx.query<{ out: unknown }>(`SELECT ${quoteIdent(target[0])}.${quoteIdent(target[1])}($1::jsonb) AS out`, [JSON.stringify(input)]);
    output = rows[0]?.out;
  } catch (err) {
    if (isDatabaseError(err)) {
      const code = (err as { code?: string }).code === '57014' ? 'hook_timeout' : 'unexpected_failure';
      throw new AuthError(code, `Error running hook URI: ${uri}: ${(err as Error).message}`, 500);
    }
    throw err;
  }
  const out = (typeof output === 'string' ? safeParse(output) : output) as Record<string, unknown> | null;
  if (!out || typeof out !== 'object') throw new AuthError('unexpected_failure', 'Error unmarshaling JSON output.', 500);
  const hookError = out.error as { http_code?: number; message?: string } | undefined;
  if (hookError && typeof hookError === 'object' && hookError.message) {
    const status = hookError.http_code && hookError.http_code >= 400 && hookError.http_code < 600 ? hookError.http_code : 500;
    throw new AuthError(status === 500 ? 'unexpected_failure' : 'validation_failed', hookError.message, status);
  }
  const claims = out.claims as Record<string, unknown> | undefined;
  if (!claims || typeof claims !== 'object') throw new AuthError('unexpected_failure', 'output claims field is missing', 500);
  const missing = REQUIRED_HOOK_CLAIMS.filter((k) => !(k in claims));
  if (missing.length || !Number.isInteger(claims.exp) || !Number.isInteger(claims.iat)) {
    throw new AuthError('unexpected_failure', `output claims do not conform to the expected schema: ${missing.length ? `missing ${missing.join(', ')}` : 'exp and iat must be integers'}`, 500);
  }
  return claims;
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
