// Admin endpoints (service_role): users CRUD, generate_link, invite (api/admin.go, api/invite.go, api/mail.go).
import crypto from 'node:crypto';
import type { Tx } from '../db.js';
import { authError } from '../errors.js';
import type { AuthModule, ClientInfo } from '../module.js';
import { issueToken } from '../one-time-tokens.js';
import { hashPassword, isSupportedHash } from '../passwords.js';
import { resolveRedirect } from '../redirects.js';
import { verifyLink } from '../mailer.js';
import { createIdentity, findUserByEmail, findUserById, findUserByPhone, findUsersByIds, insertUser, isUuid, markIdentityVerified, updateUser, userJson, type User, type UserPatch } from '../users.js';
import { checkPassword, normalizeEmail, normalizePhone } from '../validate.js';
import { sendInvite } from './send.js';
import { mergeMetadata } from './user.js';

export interface AdminUserInput {
  id?: string;
  email?: string;
  phone?: string;
  password?: string;
  password_hash?: string;
  email_confirm?: boolean;
  phone_confirm?: boolean;
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  ban_duration?: string;
  role?: string;
}

const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("24h", "1h30m") → banned_until; "none" lifts a ban. */
export function banUntil(duration: string, now = Date.now()): string | null {
  if (duration === 'none') return null;
  if (!GO_DURATION.test(duration)) throw authError('validation_failed', `invalid format for ban duration: ${duration}`);
  let ms = 0;
  for (const [, n, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(n) * UNIT_MS[unit];
  return new Date(now + ms).toISOString();
}

const nowIso = () => new Date().toISOString();

async function passwordHashOf(input: AdminUserInput, mod: AuthModule): Promise<string | undefined> {
  if (input.password_hash !== undefined) {
    if (!isSupportedHash(input.password_hash)) throw authError('validation_failed', 'Invalid password hash format');
    return input.password_hash;
  }
  if (input.password === undefined) return undefined;
  checkPassword(input.password, mod.config);
  return hashPassword(input.password);
}

export async function createUser(mod: AuthModule, input: AdminUserInput, client: ClientInfo): Promise<Record<string, unknown>> {
  const email = input.email ? normalizeEmail(input.email) : null;
  const phone = input.phone ? normalizePhone(input.phone) : null;
  if (input.id !== undefined && !isUuid(input.id)) throw authError('validation_failed', 'ID must conform to the uuid v4 format');
  const encrypted = await passwordHashOf(input, mod);
  const provider = email ? 'email' : phone ? 'phone' : null;
  const user = await mod.tx(async (tx) => {
    if (email && (await findUserByEmail(tx, email))) throw authError('email_exists');
    if (phone && (await findUserByPhone(tx, phone))) throw authError('phone_exists');
    if (input.id && (await findUserById(tx, input.id))) throw authError('validation_failed', 'ID already exists');
    const providers = provider ? [provider] : [];
    if (email && phone) providers.push('phone');
    const created = await insertUser(tx, {
      id: input.id, email, phone, encrypted_password: encrypted ?? '', aud: 'authenticated', role: input.role || 'authenticated',
      raw_app_meta_data: { ...(input.app_metadata ?? {}), provider: provider ?? 'email', providers: provider ? providers : ['email'] },
      raw_user_meta_data: input.user_metadata ?? {},
      email_confirmed_at: email && input.email_confirm ? nowIso() : undefined,
      phone_confirmed_at: phone && input.phone_confirm ? nowIso() : undefined,
      banned_until: input.ban_duration ? banUntil(input.ban_duration) : undefined,
    });
    if (email) await createIdentity(tx, created, 'email', { email_verified: Boolean(input.email_confirm) });
    if (phone) await createIdentity(tx, created, 'phone', { phone_verified: Boolean(input.phone_confirm) });
    return (await findUserById(tx, created.id))!;
  });
  await mod.audit(client, 'auth.user.create', user.id, { email: user.email || undefined, phone: user.phone || undefined });
  return userJson(user);
}

export async function getUserById(mod: AuthModule, id: string): Promise<Record<string, unknown>> {
  const user = await mod.tx((tx) => findUserById(tx, id));
  if (!user) throw authError('user_not_found');
  return userJson(user);
}

export async function updateUserById(mod: AuthModule, id: string, input: AdminUserInput, client: ClientInfo): Promise<Record<string, unknown>> {
  const email = input.email ? normalizeEmail(input.email) : undefined;
  const phone = input.phone ? normalizePhone(input.phone) : undefined;
  const encrypted = await passwordHashOf(input, mod);
  const user = await mod.tx(async (tx) => {
    const user = await findUserById(tx, id, true);
    if (!user) throw authError('user_not_found');
    const patch: UserPatch = {};
    if (email !== undefined && email !== user.email) {
      const taken = await findUserByEmail(tx, email);
      if (taken && taken.id !== id) throw authError('email_exists');
      patch.email = email;
      await tx.query(`DELETE FROM auth.identities WHERE user_id = $1 AND provider = 'email'`, [id]);
    }
    if (phone !== undefined && phone !== user.phone) {
      const taken = await findUserByPhone(tx, phone);
      if (taken && taken.id !== id) throw authError('phone_exists');
      patch.phone = phone;
      await tx.query(`DELETE FROM auth.identities WHERE user_id = $1 AND provider = 'phone'`, [id]);
    }
    if (encrypted !== undefined) patch.encrypted_password = encrypted;
    if (input.email_confirm === true && !user.email_confirmed_at) patch.email_confirmed_at = nowIso();
    if (input.email_confirm === false) patch.email_confirmed_at = null;
    if (input.phone_confirm === true && !user.phone_confirmed_at) patch.phone_confirmed_at = nowIso();
    if (input.phone_confirm === false) patch.phone_confirmed_at = null;
    if (input.user_metadata) patch.raw_user_meta_data = mergeMetadata(user.raw_user_meta_data, input.user_metadata);
    if (input.app_metadata) patch.raw_app_meta_data = mergeMetadata(user.raw_app_meta_data, input.app_metadata);
    if (input.ban_duration !== undefined) patch.banned_until = banUntil(input.ban_duration);
    if (input.role) patch.role = input.role;
    await updateUser(tx, id, patch);
    const updated = (await findUserById(tx, id))!;
    if (patch.email) await createIdentity(tx, updated, 'email', { email_verified: Boolean(updated.email_confirmed_at) });
    if (patch.phone) await createIdentity(tx, updated, 'phone', { phone_verified: Boolean(updated.phone_confirmed_at) });
    if (patch.email_confirmed_at) await markIdentityVerified(tx, id, 'email', { email_verified: true });
    if (patch.banned_until) await mod.sessions.logout(tx, id, null, 'global');
    return (await findUserById(tx, id))!;
  });
  await mod.audit(client, 'auth.user.update', id, { fields: Object.keys(input) });
  return userJson(user);
}

export async function deleteUser(mod: AuthModule, id: string, soft: boolean, client: ClientInfo): Promise<Record<string, unknown>> {
  await mod.tx(async (tx) => {
    const user = await findUserById(tx, id, true);
    if (!user) throw authError('user_not_found');
    if (!soft) {
      await tx.query('DELETE FROM auth.users WHERE id = $1', [id]);
      return;
    }
    // GoTrue's soft delete: the account stays (foreign keys keep working) but can never sign in again.
    const obfuscate = (v: string | null) => (v ? crypto.createHash('sha256').update(`${id}:${v}`).digest('hex') : null);
    await tx.query(`DELETE FROM auth.identities WHERE user_id = $1`, [id]);
    await tx.query(`DELETE FROM auth.sessions WHERE user_id = $1`, [id]);
    await updateUser(tx, id, {
      email: obfuscate(user.email), phone: obfuscate(user.phone), encrypted_password: '', confirmation_token: '', recovery_token: '',
      email_change_token_new: '', email_change_token_current: '', phone_change_token: '', reauthentication_token: '',
      raw_user_meta_data: {}, raw_app_meta_data: {}, deleted_at: nowIso(),
    });
  });
  await mod.audit(client, soft ? 'auth.user.soft_delete' : 'auth.user.delete', id);
  return {};
}

export interface ListUsersResult {
  users: Record<string, unknown>[];
  total: number;
}

export async function listUsers(mod: AuthModule, page: number, perPage: number, filter?: string): Promise<ListUsersResult> {
  return mod.tx(async (tx) => {
    const where = filter ? `WHERE u.email ILIKE $1 OR u.phone ILIKE $1 OR u.id::text = $2` : '';
    const params = filter ? [`%${filter.replace(/[\\%_]/g, (c) => '\\' + c)}%`, filter] : [];
    const { rows: [{ n }] } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM auth.users u ${where}`, params);
    const { rows: ids } = await tx.query<{ id: string }>(
      `SELECT u.id FROM auth.users u ${where} ORDER BY u.created_at DESC NULLS LAST, u.id LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`, params);
    const users = await findUsersByIds(tx, ids.map((r) => r.id));
    return { users: users.map(userJson), total: n };
  });
}

export type LinkType = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change_current' | 'email_change_new';

export interface GenerateLinkInput {
  type?: string;
  email?: string;
  password?: string;
  data?: Record<string, unknown>;
  new_email?: string;
  redirect_to?: string;
}

/** POST /admin/generate_link: the link and OTP a mail would carry, without sending anything. */
export async function generateLink(mod: AuthModule, input: GenerateLinkInput, client: ClientInfo): Promise<Record<string, unknown>> {
  const type = input.type as LinkType;
  if (!['signup', 'invite', 'magiclink', 'recovery', 'email_change_current', 'email_change_new'].includes(type)) throw authError('validation_failed', 'Invalid link type');
  if (!input.email) throw authError('validation_failed', 'Email is required');
  const email = normalizeEmail(input.email);
  const redirectTo = resolveRedirect(input.redirect_to, client.referer, mod.config);
  if (type === 'signup') {
    if (!input.password) throw authError('validation_failed', 'Signup requires a valid password');
    checkPassword(input.password, mod.config);
  }
  const encrypted = type === 'signup' ? await hashPassword(input.password!) : undefined;
  const newEmail = type.startsWith('email_change') ? normalizeEmail(input.new_email ?? '') : undefined;

  const { user, otp, hash, verificationType } = await mod.tx(async (tx) => {
    let user = await findUserByEmail(tx, email);
    if (type === 'signup' || type === 'invite') {
      if (user?.email_confirmed_at) throw authError('email_exists');
      user ??= await newUnconfirmedUser(tx, email, encrypted, input.data);
      if (type === 'invite') await updateUser(tx, user.id, { invited_at: nowIso() });
      const t = await issueToken(tx, user, 'confirmation_token', email, mod.config.otp_length, false);
      return { user, ...t, verificationType: type };
    }
    if (type === 'magiclink') {
      user ??= await newUnconfirmedUser(tx, email, undefined, input.data);
      const t = await issueToken(tx, user, 'recovery_token', email, mod.config.otp_length, false);
      return { user, ...t, verificationType: 'magiclink' };
    }
    if (!user) throw authError('user_not_found');
    if (type === 'recovery') {
      const t = await issueToken(tx, user, 'recovery_token', email, mod.config.otp_length, false);
      return { user, ...t, verificationType: 'recovery' };
    }
    const taken = await findUserByEmail(tx, newEmail!);
    if (taken) throw authError('email_exists');
    const column = type === 'email_change_new' ? 'email_change_token_new' : 'email_change_token_current';
    const t = await issueToken(tx, user, column, type === 'email_change_new' ? newEmail! : email, mod.config.otp_length, false, { email_change: newEmail, email_change_confirm_status: 0 });
    return { user, ...t, verificationType: 'email_change' };
  });
  const fresh = await mod.tx((tx) => findUserById(tx, user.id));
  return {
    ...userJson(fresh!),
    action_link: verifyLink(client.externalUrl, hash, verificationType, redirectTo),
    email_otp: otp, hashed_token: hash, verification_type: verificationType, redirect_to: redirectTo,
  };
}

async function newUnconfirmedUser(tx: Tx, email: string, encrypted: string | undefined, data: Record<string, unknown> | undefined): Promise<User> {
  const user = await insertUser(tx, {
    email, encrypted_password: encrypted ?? '', aud: 'authenticated', role: 'authenticated',
    raw_app_meta_data: { provider: 'email', providers: ['email'] }, raw_user_meta_data: data ?? {},
  });
  await createIdentity(tx, user, 'email');
  return user;
}

export async function inviteUser(mod: AuthModule, input: { email?: string; data?: Record<string, unknown>; redirect_to?: string }, client: ClientInfo): Promise<Record<string, unknown>> {
  if (!input.email) throw authError('validation_failed', 'Invite requires an email');
  const email = normalizeEmail(input.email);
  const redirectTo = resolveRedirect(input.redirect_to, client.referer, mod.config);
  const user = await mod.tx(async (tx) => {
    let user = await findUserByEmail(tx, email);
    if (user?.email_confirmed_at) throw authError('email_exists');
    user ??= await newUnconfirmedUser(tx, email, undefined, input.data);
    await sendInvite(mod, tx, user, redirectTo, client);
    return (await findUserById(tx, user.id))!;
  });
  await mod.audit(client, 'auth.user.invite', user.id, { email });
  return userJson(user);
}
