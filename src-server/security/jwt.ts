// Verifies the JWTs callers present (HS256 with the project secret; ES256/RS256 with the published asymmetric keys)
// and maps them to an API role. Errors are PostgREST's PGRST30x so every client-facing area reports them alike.
import crypto from 'node:crypto';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { ApiError } from '../errors.js';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';
export const API_ROLES: ReadonlySet<string> = new Set<ApiRole>(['anon', 'authenticated', 'service_role']);

const invalid = (detail: string) => new ApiError(401, 'PGRST301', 'JWT could not be verified', { detail, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
const rejected = (message: string) => new ApiError(401, 'PGRST303', message, { headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"` } });

export interface VerifiedJwt {
  claims: Record<string, unknown>;
  role: ApiRole;
  sub: string;
}

export interface JwtPolicy {
  /** Refuse tokens without `exp` (PostgREST accepts them; a local tool should not mint immortal tokens by accident). */
  requireExp: boolean;
  /** When set, `aud` must contain it. */
  audience?: string;
}

const CLOCK_SKEW_S = 30;
const MAX_TOKEN_LENGTH = 16_384;

function decodeJson(part: string, what: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw invalid(`${what} is not base64url`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw invalid(`${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** Checks the registered claims and the role; shared by both signature paths. */
export function checkClaims(claims: Record<string, unknown>, policy: JwtPolicy, nowMs = Date.now()): VerifiedJwt {
  const now = nowMs / 1000;
  if (claims.exp === undefined) {
    if (policy.requireExp) throw rejected('JWT has no exp claim');
  } else if (typeof claims.exp !== 'number' || now >= claims.exp + CLOCK_SKEW_S) throw rejected('JWT expired');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || now + CLOCK_SKEW_S < claims.nbf)) throw rejected('JWT not yet valid');
  if (claims.iat !== undefined && (typeof claims.iat !== 'number' || now + CLOCK_SKEW_S < claims.iat)) throw rejected('JWT issued in the future');
  if (policy.audience !== undefined) {
    const aud = claims.aud;
    const ok = typeof aud === 'string' ? aud === policy.audience : Array.isArray(aud) && aud.includes(policy.audience);
    if (!ok) throw rejected('JWT not in audience');
  }
  const roleClaim = claims.role;
  if (roleClaim !== undefined && (typeof roleClaim !== 'string' || !API_ROLES.has(roleClaim))) {
    throw rejected('JWT role claim must be one of anon, authenticated, service_role');
  }
  const sub = claims.sub === undefined || claims.sub === null ? '' : String(claims.sub);
  return { claims, role: (roleClaim as ApiRole | undefined) ?? 'authenticated', sub };
}

/** What a token signed by one source's keys must also have (beyond a valid signature and the policy). */
export interface KeySourceRules {
  /** The JOSE header's `typ` (e.g. `at+jwt`, so ID tokens signed with the same key are not access tokens). */
  typ?: string;
  /** An audience the token's `aud` must contain. */
  audience?: string;
}

/** The project's token verifier: one per running Trestle (`ctx.jwt`). */
export class JwtVerifier {
  private keySet?: JWTVerifyGetKey;
  private readonly sources = new Map<string, { jwks: JSONWebKeySet; rules: KeySourceRules }>();
  private rulesByKid = new Map<string, KeySourceRules>();

  constructor(private readonly secret: string, public policy: JwtPolicy = { requireExp: true }) {}

  /**
   * The asymmetric public keys (each with a `kid`) of one source (the auth module, the OIDC provider…) accepted besides
   * the HS256 secret; replaces that source's previous keys and leaves the other sources' alone.
   */
  setPublicKeys(jwks: JSONWebKeySet, source = 'auth', rules: KeySourceRules = {}): void {
    if (jwks.keys.length) this.sources.set(source, { jwks, rules });
    else this.sources.delete(source);
    const all = [...this.sources.values()];
    this.rulesByKid = new Map(all.flatMap((s) => s.jwks.keys.map((k) => [String(k.kid), s.rules] as const)));
    const keys = all.flatMap((s) => s.jwks.keys);
    this.keySet = keys.length ? createLocalJWKSet({ keys }) : undefined;
  }

  async verify(token: string, nowMs = Date.now()): Promise<VerifiedJwt> {
    if (token.length > MAX_TOKEN_LENGTH) throw invalid('token is too long');
    const parts = token.split('.');
    if (parts.length !== 3) throw invalid(`Expected 3 parts in JWT; got ${parts.length}`);
    const header = decodeJson(parts[0], 'header');
    if (header.alg === 'HS256') return checkClaims(verifyHs256(parts, this.secret), this.policy, nowMs);
    if ((header.alg === 'ES256' || header.alg === 'RS256') && this.keySet) {
      try {
        const { payload, protectedHeader } = await jwtVerify(token, this.keySet, { algorithms: ['ES256', 'RS256'], currentDate: new Date(nowMs), clockTolerance: CLOCK_SKEW_S });
        const rules = this.rulesByKid.get(String(protectedHeader.kid)) ?? {};
        if (rules.typ !== undefined && protectedHeader.typ !== rules.typ) throw invalid(`a token signed with this key must have typ ${rules.typ}`);
        if (rules.audience !== undefined) checkClaims(payload as Record<string, unknown>, { requireExp: true, audience: rules.audience }, nowMs);
        return checkClaims(payload as Record<string, unknown>, this.policy, nowMs);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        if (err instanceof joseErrors.JWTExpired) throw rejected('JWT expired');
        if (err instanceof joseErrors.JWTClaimValidationFailed) throw rejected(`JWT ${err.claim} claim is not valid`);
        if (err instanceof joseErrors.JOSEError) throw invalid(err.code === 'ERR_JWKS_NO_MATCHING_KEY' ? 'no published key matches the token\'s kid' : err.message);
        throw err;
      }
    }
    throw invalid(`unsupported algorithm ${JSON.stringify(header.alg ?? null).slice(0, 40)}`);
  }
}

function verifyHs256(parts: string[], secret: string): Record<string, unknown> {
  const [h, p, s] = parts;
  if (!/^[A-Za-z0-9_-]+$/.test(s)) throw invalid('signature is not base64url');
  const expected = crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw invalid('JWSError JWSInvalidSignature');
  return decodeJson(p, 'payload');
}

/** Signs claims with HS256; used by tests and the benchmark to mint tokens. */
export function signJwt(claims: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const s = crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${s}`;
}
