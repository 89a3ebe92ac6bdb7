// Password hashing with the maintained native bcrypt (libuv thread pool, so hashing never blocks the event loop).
// Any bcrypt variant verifies ($2a$ from pgcrypto's crypt(pw, gen_salt('bf')), $2b$, $2y$); other schemes GoTrue
// accepts (argon2, Firebase scrypt) are refused as wrong passwords.
import crypto from 'node:crypto';
import bcrypt from 'bcrypt';

/** GoTrue's cost (bcrypt.DefaultCost). It decides how many sign-ins per second a core can do. */
export const PASSWORD_HASH_COST = 10;

const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

export function hashPassword(password: string, cost = PASSWORD_HASH_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  if (!hash || !BCRYPT.test(hash)) return false;
  // The native binding implements $2a$/$2b$; $2y$ is the same algorithm under PHP's prefix.
  return bcrypt.compare(password, hash.startsWith('$2y$') ? '$2b$' + hash.slice(4) : hash);
}

/** bcrypt only reads the first 72 bytes: GoTrue refuses longer passwords instead of silently truncating. */
export const MAX_PASSWORD_BYTES = 72;

/** Hashes supplied by admins (`password_hash`) must be a scheme sign-in can verify. */
export function isSupportedHash(hash: string): boolean {
  return BCRYPT.test(hash);
}

let dummy: Promise<string> | undefined;
/** A real hash of a random string, so checking an unknown account costs what checking a known one does. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummy;
}
