// Emailed and texted one-time tokens. As GoTrue: the OTP is sent, its hash hex(SHA-224(email-or-phone + otp)) is
// kept in the user's token column (prefixed `pkce_` for PKCE flows) and in auth.one_time_tokens; links carry the hash.
import crypto from 'node:crypto';
import type { Tx } from './db.js';
import { authError } from './errors.js';
import { findUserByTokenHash, updateUser, type TokenColumn, type User } from './users.js';

export const PKCE_PREFIX = 'pkce_';

const TOKEN_TYPE: Record<TokenColumn, string> = {
  confirmation_token: 'confirmation_token',
  recovery_token: 'recovery_token',
  email_change_token_new: 'email_change_token_new',
  email_change_token_current: 'email_change_token_current',
  phone_change_token: 'phone_change_token',
  reauthentication_token: 'reauthentication_token',
};

const SENT_AT: Record<TokenColumn, string> = {
  confirmation_token: 'confirmation_sent_at',
  recovery_token: 'recovery_sent_at',
  email_change_token_new: 'email_change_sent_at',
  email_change_token_current: 'email_change_sent_at',
  phone_change_token: 'phone_change_sent_at',
  reauthentication_token: 'reauthentication_sent_at',
};

export function generateOtp(length: number): string {
  let otp = '';
  for (let i = 0; i < length; i++) otp += crypto.randomInt(10).toString();
  return otp;
}

export function tokenHash(identifier: string, otp: string): string {
  return crypto.createHash('sha224').update(identifier + otp).digest('hex');
}

/** Refuses a new message of this kind while the previous one is younger than the configured frequency. */
export function checkSendFrequency(user: User, column: TokenColumn, minSeconds: number, channel: 'email' | 'sms', now = Date.now()): void {
  const sentAt = user[SENT_AT[column] as keyof User] as string | null;
  if (!sentAt || minSeconds <= 0) return;
  const wait = Math.ceil((Date.parse(sentAt) + minSeconds * 1000 - now) / 1000);
  if (wait > 0) {
    throw authError(channel === 'email' ? 'over_email_send_rate_limit' : 'over_sms_send_rate_limit', `For security purposes, you can only request this after ${wait} seconds.`);
  }
}

/** Issues a token for `identifier` into the column; returns the OTP (for the message) and the hash (for the link). */
export async function issueToken(tx: Tx, user: User, column: TokenColumn, identifier: string, length: number, pkce: boolean, extra: Record<string, unknown> = {}) {
  const otp = generateOtp(length);
  const hash = tokenHash(identifier, otp);
  const stored = pkce ? PKCE_PREFIX + hash : hash;
  await updateUser(tx, user.id, { [column]: stored, [SENT_AT[column]]: new Date().toISOString(), ...extra });
  await tx.query(
    `INSERT INTO auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     VALUES (gen_random_uuid(), $1, $2::auth.one_time_token_type, $3, $4, now(), now())
     ON CONFLICT (user_id, token_type) DO UPDATE SET token_hash = excluded.token_hash, relates_to = excluded.relates_to, updated_at = now()`,
    [user.id, TOKEN_TYPE[column], stored, identifier.toLowerCase()],
  );
  return { otp, hash: stored };
}

export async function clearToken(tx: Tx, userId: string, column: TokenColumn): Promise<void> {
  await updateUser(tx, userId, { [column]: '' });
  await tx.query(`DELETE FROM auth.one_time_tokens WHERE user_id = $1 AND token_type = $2::auth.one_time_token_type`, [userId, TOKEN_TYPE[column]]);
}

export interface TokenMatch {
  user: User;
  column: TokenColumn;
  pkce: boolean;
}

const stripPkce = (v: string) => (v.startsWith(PKCE_PREFIX) ? v.slice(PKCE_PREFIX.length) : v);

/** A link's token_hash, looked up in the columns a verification type uses. */
export async function matchTokenHash(tx: Tx, columns: TokenColumn[], hash: string): Promise<TokenMatch | null> {
  if (!hash) return null;
  for (const column of columns) {
    const user = await findUserByTokenHash(tx, column, hash) ?? (hash.startsWith(PKCE_PREFIX) ? null : await findUserByTokenHash(tx, column, PKCE_PREFIX + hash));
    if (user) return { user, column, pkce: (user[column] ?? '').startsWith(PKCE_PREFIX) };
  }
  return null;
}

/** A typed OTP for a known user: which of the columns holds hash(identifier + otp). */
export function matchOtp(user: User, columns: Array<[TokenColumn, string]>, otp: string): TokenMatch | null {
  for (const [column, identifier] of columns) {
    const stored = user[column] ?? '';
    if (!stored || !identifier) continue;
    const expected = Buffer.from(stripPkce(stored));
    const given = Buffer.from(tokenHash(identifier, otp));
    if (expected.length === given.length && crypto.timingSafeEqual(expected, given)) return { user, column, pkce: stored.startsWith(PKCE_PREFIX) };
  }
  return null;
}

export function isExpired(user: User, column: TokenColumn, expirySeconds: number, now = Date.now()): boolean {
  const sentAt = user[SENT_AT[column] as keyof User] as string | null;
  return !sentAt || Date.parse(sentAt) + expirySeconds * 1000 < now;
}
