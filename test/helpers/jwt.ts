// Mints HS256 test JWTs with the project secret (or any secret), optionally expired or unsigned.
import { signJwt } from '../../src-server/security/jwt.js';

export function mintJwt(secret: string, claims: Record<string, unknown> = {}, opts: { expiresIn?: number } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ role: 'authenticated', iat: now, exp: now + (opts.expiresIn ?? 3600), ...claims }, secret);
}

/** A token with `alg: none` and no signature, which must be refused. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
