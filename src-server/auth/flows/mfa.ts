// TOTP multi-factor authentication (api/mfa.go): enroll (secret, otpauth URI, SVG QR code), challenge, verify (the
// session becomes aal2 with a `totp` amr entry and gets fresh tokens), unenroll. TOTP via the maintained `otpauth`
// library (RFC 6238, SHA-1, 6 digits, 30 s, ±1 step), QR codes via `qrcode`.
import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { authError } from '../errors.js';
import type { AuthModule, ClientInfo } from '../module.js';
import type { SessionResponse } from '../tokens.js';
import { findUserById } from '../users.js';
import { loadCaller, type UserClaims } from './user.js';

const CHALLENGE_LIFETIME_MS = 300_000;
const MAX_FACTORS = 10;

function requireTotp(mod: AuthModule, which: 'enroll' | 'verify'): void {
  if (!mod.config.mfa_totp_enabled) throw authError(which === 'enroll' ? 'mfa_totp_enroll_not_enabled' : 'mfa_totp_verify_not_enabled');
}

export async function enrollFactor(mod: AuthModule, claims: UserClaims, input: { factor_type?: string; friendly_name?: string; issuer?: string }, client: ClientInfo) {
  if (input.factor_type === 'phone') throw authError('mfa_phone_enroll_not_enabled');
  if (input.factor_type === 'webauthn') throw authError('mfa_webauthn_enroll_not_enabled');
  if (input.factor_type !== 'totp') throw authError('validation_failed', 'factor_type needs to be totp, phone or webauthn');
  requireTotp(mod, 'enroll');
  return mod.tx(async (tx) => {
    const { user } = await loadCaller(tx, mod, claims);
    const verified = user.factors.filter((f) => f.status === 'verified').length;
    if (verified >= MAX_FACTORS) throw authError('too_many_enrolled_mfa_factors');
    const name = input.friendly_name ?? '';
    if (name && user.factors.some((f) => f.friendly_name === name)) {
      throw authError('mfa_factor_name_conflict', `A factor with the friendly name "${name}" for this user already exists`);
    }
    const issuer = input.issuer || new URL(client.externalUrl).hostname;
    const totp = new TOTP({ issuer, label: user.email || user.phone || user.id, secret: new Secret({ size: 20 }), algorithm: 'SHA1', digits: 6, period: 30 });
    const id = crypto.randomUUID();
    await tx.query(
      `INSERT INTO auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
       VALUES ($1, $2, $3, 'totp', 'unverified', now(), now(), $4)`, [id, user.id, name, totp.secret.base32]);
    const uri = totp.toString();
    return { id, type: 'totp', friendly_name: name, totp: { qr_code: await (await import('qrcode')).default.toString(uri, { type: 'svg', margin: 1 }), secret: totp.secret.base32, uri } };
  });
}

async function ownFactor(mod: AuthModule, tx: Parameters<Parameters<AuthModule['tx']>[0]>[0], userId: string, factorId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(factorId)) throw authError('mfa_factor_not_found');
  const { rows } = await tx.query<{ id: string; status: string; secret: string | null; factor_type: string }>(
    `SELECT id, status::text, secret, factor_type::text FROM auth.mfa_factors WHERE id = $1 AND user_id = $2`, [factorId, userId]);
  if (!rows[0]) throw authError('mfa_factor_not_found');
  return rows[0];
}

export async function challengeFactor(mod: AuthModule, claims: UserClaims, factorId: string, client: ClientInfo) {
  requireTotp(mod, 'verify');
  return mod.tx(async (tx) => {
    const { user } = await loadCaller(tx, mod, claims);
    await ownFactor(mod, tx, user.id, factorId);
    const id = crypto.randomUUID();
    const { rows: [row] } = await tx.query<{ expires_at: number }>(
      `WITH c AS (INSERT INTO auth.mfa_challenges (id, factor_id, created_at, ip_address) VALUES ($1, $2, now(), $3::inet) RETURNING created_at),
            f AS (UPDATE auth.mfa_factors SET last_challenged_at = clock_timestamp(), updated_at = now() WHERE id = $2)
       SELECT (extract(epoch FROM created_at) + $4)::bigint AS expires_at FROM c`,
      [id, factorId, /^[0-9a-fA-F:.]+$/.test(client.ip) ? client.ip : '127.0.0.1', CHALLENGE_LIFETIME_MS / 1000]);
    return { id, type: 'totp', expires_at: Number(row.expires_at) };
  });
}

export async function verifyFactor(mod: AuthModule, claims: UserClaims, factorId: string, input: { challenge_id?: string; code?: string }, client: ClientInfo): Promise<SessionResponse> {
  requireTotp(mod, 'verify');
  if (!input.challenge_id || !input.code) throw authError('validation_failed', 'challenge_id and code are required');
  return mod.tx(async (tx) => {
    const { user, sessionId } = await loadCaller(tx, mod, claims);
    const factor = await ownFactor(mod, tx, user.id, factorId);
    const { rows: [challenge] } = await tx.query<{ created_ms: number; verified_at: string | null }>(
      `SELECT (extract(epoch FROM created_at) * 1000)::float8 AS created_ms, verified_at FROM auth.mfa_challenges WHERE id = $1 AND factor_id = $2 FOR UPDATE`,
      [/^[0-9a-f-]{36}$/i.test(input.challenge_id!) ? input.challenge_id : '00000000-0000-0000-0000-000000000000', factorId]);
    if (!challenge) throw authError('mfa_factor_not_found', 'MFA factor with the provided challenge ID not found');
    if (challenge.verified_at || Date.now() > challenge.created_ms + CHALLENGE_LIFETIME_MS) {
      await tx.query('DELETE FROM auth.mfa_challenges WHERE id = $1', [input.challenge_id]);
      throw authError('mfa_challenge_expired');
    }
    const totp = new TOTP({ secret: Secret.fromBase32(factor.secret ?? ''), algorithm: 'SHA1', digits: 6, period: 30 });
    if (totp.validate({ token: input.code!.trim(), window: 1 }) === null) throw authError('mfa_verification_failed');
    await tx.query(`UPDATE auth.mfa_challenges SET verified_at = now() WHERE id = $1`, [input.challenge_id]);
    await tx.query(`UPDATE auth.mfa_factors SET status = 'verified', updated_at = now() WHERE id = $1`, [factorId]);
    if (!sessionId) throw authError('session_not_found');
    await mod.sessions.addAmr(tx, sessionId, 'totp', 'aal2');
    await tx.query(`UPDATE auth.sessions SET factor_id = $2 WHERE id = $1`, [sessionId, factorId]);
    const grant = await mod.sessions.reissue(tx, sessionId, user.id);
    const fresh = (await findUserById(tx, user.id))!;
    return mod.respond(tx, fresh, grant, 'totp', client);
  });
}

export async function unenrollFactor(mod: AuthModule, claims: UserClaims, factorId: string) {
  return mod.tx(async (tx) => {
    const { user } = await loadCaller(tx, mod, claims);
    const factor = await ownFactor(mod, tx, user.id, factorId);
    if (factor.status === 'verified' && claims.aal !== 'aal2') throw authError('insufficient_aal', 'AAL2 required to unenroll verified factor');
    await tx.query('DELETE FROM auth.mfa_factors WHERE id = $1', [factorId]);
    return { id: factorId };
  });
}

/** The admin API's factor removal (DELETE /admin/users/:id/factors/:factorId): no AAL rule, answers the factor. */
export async function deleteFactorAsAdmin(mod: AuthModule, userId: string, factorId: string) {
  return mod.tx(async (tx) => {
    if (!(await findUserById(tx, userId))) throw authError('user_not_found');
    await ownFactor(mod, tx, userId, factorId);
    const { rows } = await tx.query(
      `DELETE FROM auth.mfa_factors WHERE id = $1
       RETURNING id, friendly_name, factor_type::text, status::text, created_at, updated_at`, [factorId]);
    return rows[0];
  });
}
