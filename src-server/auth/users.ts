// auth.users and auth.identities: reading a user with its identities and factors, writing rows, and the User JSON
// GoTrue answers with (models/user.go, models/identity.go).
import crypto from 'node:crypto';
import { quoteIdent } from '../db/quote.js';
import type { Tx } from './db.js';

/** An auth.users row as to_jsonb renders it. */
export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  encrypted_password: string | null;
  email_confirmed_at: string | null;
  phone_confirmed_at: string | null;
  confirmed_at: string | null;
  invited_at: string | null;
  confirmation_token: string | null;
  confirmation_sent_at: string | null;
  recovery_token: string | null;
  recovery_sent_at: string | null;
  email_change_token_new: string | null;
  email_change_token_current: string | null;
  email_change: string | null;
  email_change_sent_at: string | null;
  email_change_confirm_status: number | null;
  phone_change: string | null;
  phone_change_token: string | null;
  phone_change_sent_at: string | null;
  reauthentication_token: string | null;
  reauthentication_sent_at: string | null;
  last_sign_in_at: string | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: string | null;
  updated_at: string | null;
  banned_until: string | null;
  deleted_at: string | null;
  is_anonymous: boolean;
  is_sso_user: boolean;
}

export interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: string | null;
  created_at: string | null;
  updated_at: string | null;
  email: string | null;
}

export interface FactorRow {
  id: string;
  friendly_name: string | null;
  factor_type: string;
  status: string;
  created_at: string;
  updated_at: string;
  phone: string | null;
  last_challenged_at: string | null;
}

export interface User extends UserRow {
  identities: IdentityRow[];
  factors: FactorRow[];
}

/** The columns that load a user (alias `u`) with identities and factors; other queries join them in (see toUser). */
export const USER_COLUMNS = `to_jsonb(u) AS u,
         coalesce((SELECT jsonb_agg(to_jsonb(i) ORDER BY i.created_at, i.id) FROM auth.identities i WHERE i.user_id = u.id), '[]') AS identities,
         coalesce((SELECT jsonb_agg(to_jsonb(f) - 'secret' ORDER BY f.created_at) FROM auth.mfa_factors f WHERE f.user_id = u.id), '[]') AS factors`;

const SELECT_USER = `SELECT ${USER_COLUMNS} FROM auth.users u`;

export type LoadedUser = { u: UserRow; identities: IdentityRow[]; factors: FactorRow[] };
type Loaded = LoadedUser;
export const toUser = (r: Loaded): User => ({ ...r.u, identities: r.identities, factors: r.factors });

export async function findUserById(tx: Tx, id: string, forUpdate = false): Promise<User | null> {
  if (!isUuid(id)) return null;
  const { rows } = await tx.query<Loaded>(`${SELECT_USER} WHERE u.id = $1${forUpdate ? ' FOR UPDATE OF u' : ''}`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** Several users in the order of `ids`. */
export async function findUsersByIds(tx: Tx, ids: string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<Loaded>(`${SELECT_USER} WHERE u.id = ANY($1::uuid[])`, [ids]);
  const byId = new Map(rows.map((r) => [r.u.id, toUser(r)]));
  return ids.map((id) => byId.get(id)).filter((u): u is User => u !== undefined);
}

export async function findUserByEmail(tx: Tx, email: string): Promise<User | null> {
  const { rows } = await tx.query<Loaded>(`${SELECT_USER} WHERE lower(u.email) = lower($1) AND u.is_sso_user = false ORDER BY u.created_at LIMIT 1`, [email]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserByPhone(tx: Tx, phone: string): Promise<User | null> {
  const { rows } = await tx.query<Loaded>(`${SELECT_USER} WHERE u.phone = $1 LIMIT 1`, [phone]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** Users whose pending token (confirmation, recovery, email change, invite) has this hash. */
export async function findUserByTokenHash(tx: Tx, column: TokenColumn, hash: string): Promise<User | null> {
  const { rows } = await tx.query<Loaded>(`${SELECT_USER} WHERE u.${quoteIdent(column)} = $1 LIMIT 1`, [hash]);
  return rows[0] ? toUser(rows[0]) : null;
}

export type TokenColumn = 'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'email_change_token_current' | 'phone_change_token' | 'reauthentication_token';

const WRITABLE = new Set([
  'aud', 'role', 'email', 'phone', 'encrypted_password', 'email_confirmed_at', 'phone_confirmed_at', 'invited_at',
  'confirmation_token', 'confirmation_sent_at', 'recovery_token', 'recovery_sent_at', 'email_change_token_new',
  'email_change_token_current', 'email_change', 'email_change_sent_at', 'email_change_confirm_status', 'phone_change',
  'phone_change_token', 'phone_change_sent_at', 'reauthentication_token', 'reauthentication_sent_at', 'last_sign_in_at',
  'raw_app_meta_data', 'raw_user_meta_data', 'banned_until', 'deleted_at', 'is_anonymous',
]);

export type UserPatch = Partial<Record<keyof UserRow, unknown>>;

function columnsOf(patch: UserPatch): Array<[string, unknown]> {
  return Object.entries(patch).filter(([k, v]) => {
    if (!WRITABLE.has(k)) throw new Error(`auth.users.${k} is not writable here`);
    return v !== undefined;
  }).map(([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v]);
}

/** Inserts a user (GoTrue's '' defaults for the token columns) and reads it back: triggers may have changed it. */
export async function insertUser(tx: Tx, fields: UserPatch & { id?: string }): Promise<User> {
  const { id = crypto.randomUUID(), ...rest } = fields;
  const cols = columnsOf({ confirmation_token: '', recovery_token: '', email_change_token_new: '', email_change: '', ...rest });
  const names = ['id', 'instance_id', ...cols.map(([k]) => k)].map(quoteIdent).join(', ');
  const params = cols.map((_, i) => `$${i + 3}`).join(', ');
  await tx.query(`INSERT INTO auth.users (${names}, created_at, updated_at) VALUES ($1, $2, ${params}, now(), now())`,
    [id, '00000000-0000-0000-0000-000000000000', ...cols.map(([, v]) => v)]);
  return (await findUserById(tx, String(id)))!;
}

export async function updateUser(tx: Tx, id: string, patch: UserPatch): Promise<void> {
  const cols = columnsOf(patch);
  if (cols.length === 0) return;
  const sets = cols.map(([k], i) => `${quoteIdent(k)} = $${i + 2}`);
  await tx.query(`UPDATE auth.users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [id, ...cols.map(([, v]) => v)]);
}

export async function createIdentity(tx: Tx, user: { id: string; email: string | null; phone: string | null }, provider: 'email' | 'phone', extra: Record<string, unknown> = {}): Promise<void> {
  const data: Record<string, unknown> = { sub: user.id, ...extra };
  if (provider === 'email') Object.assign(data, { email: user.email, email_verified: false, phone_verified: false });
  else Object.assign(data, { phone: user.phone, email_verified: false, phone_verified: false });
  await tx.query(
    `INSERT INTO auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, now(), now(), now()) ON CONFLICT (provider_id, provider) DO NOTHING`,
    [user.id, user.id, JSON.stringify(data), provider],
  );
}

/** app_metadata.providers gains `provider` (an anonymous user's "anonymous" gives way; it becomes the main provider). */
export async function addProvider(tx: Tx, u: UserRow, provider: string): Promise<void> {
  const app = { ...(u.raw_app_meta_data ?? {}) };
  const providers = (Array.isArray(app.providers) ? app.providers : []).filter((p) => p !== 'anonymous') as string[];
  if (!providers.includes(provider)) providers.push(provider);
  if (!app.provider || app.provider === 'anonymous') app.provider = provider;
  await updateUser(tx, u.id, { raw_app_meta_data: { ...app, providers } });
}

/** identity_data.email_verified / phone_verified follow confirmation, as GoTrue keeps them. */
export async function markIdentityVerified(tx: Tx, userId: string, provider: 'email' | 'phone', fields: Record<string, unknown>): Promise<void> {
  await tx.query(
    `UPDATE auth.identities SET identity_data = identity_data || $3::jsonb, updated_at = now() WHERE user_id = $1 AND provider = $2`,
    [userId, provider, JSON.stringify(fields)],
  );
}

export async function touchSignIn(tx: Tx, userId: string): Promise<void> {
  await tx.query(`UPDATE auth.users SET last_sign_in_at = now(), updated_at = now() WHERE id = $1`, [userId]);
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export const isBanned = (u: UserRow, now = Date.now()) => u.banned_until !== null && Date.parse(u.banned_until) > now;

/** Timestamps as GoTrue prints them (RFC 3339, UTC). */
function ts(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? v : new Date(ms).toISOString();
}

export function identityJson(i: IdentityRow) {
  return {
    identity_id: i.id, id: i.provider_id, user_id: i.user_id, identity_data: i.identity_data, provider: i.provider,
    last_sign_in_at: ts(i.last_sign_in_at) ?? '', created_at: ts(i.created_at) ?? '', updated_at: ts(i.updated_at) ?? '', email: i.email ?? undefined,
  };
}

/** The User object of GoTrue's API. */
export function userJson(u: User): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: u.id,
    aud: u.aud ?? '',
    role: u.role ?? '',
    email: u.email ?? '',
    email_confirmed_at: ts(u.email_confirmed_at),
    phone: u.phone ?? '',
    phone_confirmed_at: ts(u.phone_confirmed_at),
    confirmation_sent_at: ts(u.confirmation_sent_at),
    confirmed_at: ts(u.confirmed_at),
    recovery_sent_at: ts(u.recovery_sent_at),
    new_email: u.email_change || undefined,
    email_change_sent_at: ts(u.email_change_sent_at),
    new_phone: u.phone_change || undefined,
    phone_change_sent_at: ts(u.phone_change_sent_at),
    reauthentication_sent_at: ts(u.reauthentication_sent_at),
    invited_at: ts(u.invited_at),
    last_sign_in_at: ts(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: u.identities.map(identityJson),
    factors: u.factors.length ? u.factors.map((f) => ({ ...f, created_at: ts(f.created_at), updated_at: ts(f.updated_at), last_challenged_at: ts(f.last_challenged_at) })) : undefined,
    created_at: ts(u.created_at) ?? '',
    updated_at: ts(u.updated_at) ?? '',
    banned_until: ts(u.banned_until),
    is_anonymous: u.is_anonymous,
    deleted_at: ts(u.deleted_at),
  };
  for (const k of Object.keys(json)) if (json[k] === undefined) delete json[k];
  return json;
}
