// The signed-in user's own endpoints: GET/PUT /user, POST /logout, GET /reauthenticate (api/user.go, api/logout.go,
// api/reauthenticate.go). The JWT's sub and session_id must still exist, as GoTrue checks on every call.
import type { Tx } from '../db.js';
import { authError } from '../errors.js';
import type { AuthModule, ClientInfo } from '../module.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { resolveRedirect } from '../redirects.js';
import { findUserByEmail, findUserById, findUserByPhone, updateUser, userJson, type User } from '../users.js';
import { checkPassword, normalizeEmail, normalizePhone, pkceOf, type PkceParams } from '../validate.js';
import { sendEmailChange, sendPhoneOtp, sendReauthentication } from './send.js';
import { changeEmail } from './verify.js';
import { matchOtp, clearToken, isExpired } from '../one-time-tokens.js';

/** The verified claims of the caller's access token. */
export interface UserClaims {
  sub?: unknown;
  session_id?: unknown;
  [k: string]: unknown;
}

export async function loadCaller(tx: Tx, mod: AuthModule, claims: UserClaims): Promise<{ user: User; sessionId: string | null }> {
  const user = typeof claims.sub === 'string' ? await findUserById(tx, claims.sub) : null;
  if (!user) throw authError('user_not_found', 'User from sub claim in JWT does not exist');
  const sessionId = typeof claims.session_id === 'string' && claims.session_id ? claims.session_id : null;
  if (sessionId && !(await mod.sessions.find(tx, sessionId))) throw authError('session_not_found');
  return { user, sessionId };
}

export async function getUser(mod: AuthModule, claims: UserClaims): Promise<Record<string, unknown>> {
  return mod.tx(async (tx) => userJson((await loadCaller(tx, mod, claims)).user));
}

export interface UpdateUserInput extends PkceParams {
  email?: string;
  password?: string;
  phone?: string;
  data?: Record<string, unknown>;
  nonce?: string;
  channel?: string;
  redirect_to?: string;
}

/** GoTrue merges user_metadata: keys set to null are removed. */
export function mergeMetadata(current: Record<string, unknown> | null, patch: Record<string, unknown>): Record<string, unknown> {
  const next = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

export async function updateCurrentUser(mod: AuthModule, claims: UserClaims, input: UpdateUserInput, client: ClientInfo): Promise<Record<string, unknown>> {
  const s = mod.config;
  if (input.password !== undefined) checkPassword(input.password, s);
  const email = input.email ? normalizeEmail(input.email) : undefined;
  const phone = input.phone ? normalizePhone(input.phone) : undefined;
  const pkce = pkceOf(input);
  const redirectTo = resolveRedirect(input.redirect_to, client.referer, s);
  const newHash = input.password !== undefined ? await hashPassword(input.password) : undefined;

  const user = await mod.tx(async (tx) => {
    const { user, sessionId } = await loadCaller(tx, mod, claims);
    if (input.data) await updateUser(tx, user.id, { raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, input.data) });
    if (input.password !== undefined) {
      if (user.is_anonymous && !user.email && !user.phone) throw authError('validation_failed', 'Updating password of an anonymous user without an email or phone is not allowed');
      if (await verifyPassword(input.password, user.encrypted_password)) throw authError('same_password');
      if (input.nonce !== undefined) await checkNonce(mod, tx, user, input.nonce);
      await updateUser(tx, user.id, { encrypted_password: newHash });
      await mod.sessions.logout(tx, user.id, sessionId, 'others');
    }
    if (email && email !== user.email) {
      const taken = await findUserByEmail(tx, email);
      if (taken && taken.id !== user.id) throw authError('email_exists');
      if (!s.enable_confirmations) await changeEmail(tx, user, email);
      else await sendEmailChange(mod, tx, (await findUserById(tx, user.id))!, email, redirectTo, Boolean(pkce), client);
    }
    if (phone && phone !== user.phone) {
      const taken = await findUserByPhone(tx, phone);
      if (taken && taken.id !== user.id) throw authError('phone_exists');
      if (!s.enable_phone_confirmations) await updateUser(tx, user.id, { phone, phone_confirmed_at: new Date().toISOString() });
      else await sendPhoneOtp(mod, tx, user, 'phone_change_token', phone, 'phone_change', { phone_change: phone });
    }
    return (await findUserById(tx, user.id))!;
  });
  return userJson(user);
}

/** A nonce from GET /reauthenticate, required by secure password changes. */
async function checkNonce(mod: AuthModule, tx: Tx, user: User, nonce: string): Promise<void> {
  const identifier = user.email || user.phone || '';
  const m = matchOtp(user, [['reauthentication_token', identifier]], nonce);
  if (!m || isExpired(user, 'reauthentication_token', mod.config.otp_expiry)) throw authError('reauthentication_not_valid');
  await clearToken(tx, user.id, 'reauthentication_token');
}

export async function reauthenticate(mod: AuthModule, claims: UserClaims): Promise<Record<string, unknown>> {
  await mod.tx(async (tx) => {
    const { user } = await loadCaller(tx, mod, claims);
    if (!user.email && !user.phone) throw authError('validation_failed', 'Reauthentication requires the user to have an email or a phone number');
    await sendReauthentication(mod, tx, user);
  });
  return {};
}

export async function logout(mod: AuthModule, claims: UserClaims, scope: string | undefined): Promise<void> {
  const which = (scope ?? 'global') as 'global' | 'local' | 'others';
  if (!['global', 'local', 'others'].includes(which)) throw authError('validation_failed', `Unsupported logout scope ${JSON.stringify(scope)}`);
  await mod.tx(async (tx) => {
    const { user, sessionId } = await loadCaller(tx, mod, claims);
    await mod.sessions.logout(tx, user.id, sessionId, which);
  });
}
