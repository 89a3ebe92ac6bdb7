// POST /token: grant_type password, refresh_token and pkce (api/token.go, tokens/service.go).
import type { Database } from '../../db/database.js';
import { authTx } from '../db.js';
import { authError } from '../errors.js';
import { exchangeAuthCode } from '../flow-state.js';
import type { AuthModule, ClientInfo } from '../module.js';
import { dummyHash, verifyPassword } from '../passwords.js';
import type { FailedAttempts } from '../rate-limits.js';
import type { AuthMethod, SessionResponse } from '../tokens.js';
import { findUserByEmail, findUserById, findUserByPhone, isBanned, updateUser, type User } from '../users.js';
import { normalizeEmail, normalizePhone } from '../validate.js';

/** The user an email (or phone) and password prove; failures count toward the per-account and per-IP limits. */
export async function verifyCredentials(db: Database, attempts: FailedAttempts, limits: { perAccount: number; perIp: number },
  input: { email?: string; phone?: string; password?: string }, ip: string): Promise<User> {
  if (!input.email && !input.phone) throw authError('validation_failed', 'Only an email address or phone number should be provided on login.');
  if (input.email && input.phone) throw authError('validation_failed', 'Only an email address or phone number should be provided on login.');
  const account = input.email ? normalizeEmail(input.email) : normalizePhone(input.phone!);
  attempts.check(account, ip, limits);

  const user = await authTx(db, (tx) => (input.email ? findUserByEmail(tx, account) : findUserByPhone(tx, account)));
  // The hash runs outside the transaction (and for unknown accounts too, so timing does not reveal who exists).
  const ok = await verifyPassword(input.password ?? '', user?.encrypted_password ?? await dummyHash());
  if (!user || !ok || user.deleted_at) {
    attempts.fail(account, ip);
    throw authError('invalid_credentials');
  }
  attempts.succeed(account);
  if (isBanned(user)) throw authError('user_banned');
  if (input.email && !user.email_confirmed_at) throw authError('email_not_confirmed');
  if (input.phone && !user.phone_confirmed_at) throw authError('phone_not_confirmed');
  return user;
}

export async function passwordGrant(mod: AuthModule, input: { email?: string; phone?: string; password?: string }, client: ClientInfo): Promise<SessionResponse> {
  const s = mod.config;
  const limits = { perAccount: s.max_failed_attempts_per_account, perIp: s.max_failed_attempts_per_ip };
  const user = await verifyCredentials(mod.db, mod.attempts, limits, input, client.ip);
  const session = await mod.tx(async (tx) => {
    const fresh = await findUserById(tx, user.id);
    if (!fresh) throw authError('invalid_credentials');
    return mod.signIn(tx, fresh, 'password', client);
  });
  if ((input.password ?? '').length < s.minimum_password_length) session.weak_password = { reasons: ['length'] };
  return session;
}

export async function refreshGrant(mod: AuthModule, refreshToken: string | undefined, client: ClientInfo): Promise<SessionResponse> {
  if (!refreshToken) throw authError('validation_failed', 'refresh_token required');
  const s = mod.config;
  return mod.sessions.refresh(mod.db, refreshToken, { rotation: s.refresh_token_rotation_enabled, reuseIntervalS: s.refresh_token_reuse_interval },
    (tx, grant) => mod.respond(tx, grant.user, grant, 'token_refresh', client),
    s.hook_custom_access_token.enabled);
}

export async function pkceGrant(mod: AuthModule, input: { auth_code?: string; code_verifier?: string }, client: ClientInfo): Promise<SessionResponse> {
  if (!input.auth_code || !input.code_verifier) throw authError('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  return mod.tx(async (tx) => {
    const flow = await exchangeAuthCode(tx, input.auth_code!, input.code_verifier!);
    const user = await findUserById(tx, flow.userId);
    if (!user) throw authError('user_not_found');
    if (isBanned(user)) throw authError('user_banned');
    if (flow.authenticationMethod === 'email/signup' && !user.email_confirmed_at) await updateUser(tx, user.id, { email_confirmed_at: new Date().toISOString() });
    return mod.signIn(tx, (await findUserById(tx, user.id))!, flow.authenticationMethod as AuthMethod, client);
  });
}
