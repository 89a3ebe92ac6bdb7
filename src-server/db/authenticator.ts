// The `authenticator` login that every user-facing query runs on (non-superuser, NOINHERIT, member only of the API
// roles). Its password is derived from the owner's, so every bootstrap of every database of a cluster agrees on it
// without storing another secret, and it changes when the owner's password changes.
import crypto from 'node:crypto';
import type pg from 'pg';
import { quoteLiteral } from './quote.js';

export const AUTHENTICATOR = 'authenticator';
const SCRAM_ITERATIONS = 4096;

/** The derived password, or undefined when the owner's URL carries none (trust or peer authentication). */
export function authenticatorPassword(ownerUrl: string): string | undefined {
  const password = decodeURIComponent(new URL(ownerUrl).password);
  if (!password) return undefined;
  return crypto.createHmac('sha256', password).update('trestle authenticator login v1').digest('base64url');
}

/** The owner's URL with the authenticator's credentials (same host, port, database and parameters). */
export function authenticatorUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  u.username = AUTHENTICATOR;
  u.password = authenticatorPassword(ownerUrl) ?? '';
  return u.toString();
}

function scramKeys(password: string, salt: Buffer, iterations: number): { storedKey: Buffer; serverKey: Buffer } {
  const salted = crypto.pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = crypto.createHmac('sha256', salted).update('Client Key').digest();
  return {
    storedKey: crypto.createHash('sha256').update(clientKey).digest(),
    serverKey: crypto.createHmac('sha256', salted).update('Server Key').digest(),
  };
}

/** A SCRAM-SHA-256 verifier, so the password itself never appears in a statement (or a server log). */
export function scramVerifier(password: string): string {
  const salt = crypto.randomBytes(16);
  const { storedKey, serverKey } = scramKeys(password, salt, SCRAM_ITERATIONS);
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

export function scramMatches(verifier: string, password: string): boolean {
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  if (!m) return false;
  const { storedKey, serverKey } = scramKeys(password, Buffer.from(m[2], 'base64'), Number(m[1]));
  return storedKey.equals(Buffer.from(m[3], 'base64')) && serverKey.equals(Buffer.from(m[4], 'base64'));
}

/**
 * Gives authenticator its derived password (skipped when it already has it: warm starts stay fast). Reading
 * pg_authid needs a superuser; without one the password is simply set again (CREATEROLE suffices).
 */
export async function ensureAuthenticatorLogin(client: pg.ClientBase, ownerUrl: string, run: (sql: string) => Promise<void>): Promise<void> {
  const password = authenticatorPassword(ownerUrl);
  if (!password) return;
  const current = await client.query<{ rolpassword: string | null }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [AUTHENTICATOR])
    .then((r) => r.rows[0]?.rolpassword ?? null, () => null);
  if (current && scramMatches(current, password)) return;
  await run(`ALTER ROLE ${AUTHENTICATOR} WITH LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS PASSWORD ${quoteLiteral(scramVerifier(password))}`);
}
