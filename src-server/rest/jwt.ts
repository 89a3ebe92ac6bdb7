// Verifies HS256 JWTs with the project secret (node:crypto, timing-safe) and maps them to an API role.
import crypto from 'node:crypto';
import { ApiError } from '../errors.js';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';
const API_ROLES = new Set<string>(['anon', 'authenticated', 'service_role']);

const invalid = (detail: string) => new ApiError(401, 'PGRST301', 'JWT could not be verified', { detail, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
const rejected = (message: string) => new ApiError(401, 'PGRST303', message, { headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"` } });

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

export interface VerifiedJwt {
  claims: Record<string, unknown>;
  role: ApiRole;
  sub: string;
}

const CLOCK_SKEW_S = 30;

export function verifyJwt(token: string, secret: string, nowMs = Date.now()): VerifiedJwt {
  if (token.length > 16_384) throw invalid('token is too long');
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid(`Expected 3 parts in JWT; got ${parts.length}`);
  const [h, p, s] = parts;
  const header = decodeJson(h, 'header');
  if (header.alg !== 'HS256') throw invalid(`unsupported algorithm ${JSON.stringify(header.alg ?? null).slice(0, 40)}: only HS256 is accepted`);
  if (!/^[A-Za-z0-9_-]+$/.test(s)) throw invalid('signature is not base64url');
  const expected = crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw invalid('JWSError JWSInvalidSignature');
  const claims = decodeJson(p, 'payload');
  const now = nowMs / 1000;
  if (claims.exp !== undefined && (typeof claims.exp !== 'number' || now >= claims.exp + CLOCK_SKEW_S)) throw rejected('JWT expired');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || now + CLOCK_SKEW_S < claims.nbf)) throw rejected('JWT not yet valid');
  if (claims.iat !== undefined && (typeof claims.iat !== 'number' || now + CLOCK_SKEW_S < claims.iat)) throw rejected('JWT issued in the future');
  const roleClaim = claims.role;
  if (roleClaim !== undefined && (typeof roleClaim !== 'string' || !API_ROLES.has(roleClaim))) {
    throw rejected(`JWT role claim must be one of anon, authenticated, service_role`);
  }
  const sub = claims.sub === undefined || claims.sub === null ? '' : String(claims.sub);
  return { claims, role: (roleClaim as ApiRole | undefined) ?? 'authenticated', sub };
}

/** Signs claims with HS256; used by tests and the benchmark to mint tokens. */
export function signJwt(claims: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const s = crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${s}`;
}
