// POST /verify (a typed OTP or a token hash → session) and GET /verify (the emailed link → 303 to the app with the
// session in the fragment, or ?code= for PKCE) (api/verify.go).
import type { Tx } from '../db.js';
import { authError, AuthError } from '../errors.js';
import { issueAuthCode } from '../flow-state.js';
import type { AuthModule, ClientInfo } from '../module.js';
import { clearToken, isExpired, matchOtp, matchTokenHash, type TokenMatch } from '../one-time-tokens.js';
import { resolveRedirect } from '../redirects.js';
import type { AuthMethod, SessionResponse } from '../tokens.js';
import { addProvider, createIdentity, findUserByEmail, findUserById, findUserByPhone, markIdentityVerified, updateUser, type TokenColumn, type User } from '../users.js';
import { normalizeEmail, normalizePhone } from '../validate.js';

export const VERIFY_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email', 'sms', 'phone_change'] as const;
export type VerifyType = (typeof VERIFY_TYPES)[number];

const COLUMNS: Record<VerifyType, TokenColumn[]> = {
  signup: ['confirmation_token'],
  invite: ['confirmation_token'],
  magiclink: ['recovery_token', 'confirmation_token'],
  recovery: ['recovery_token'],
  email: ['confirmation_token', 'recovery_token'],
  email_change: ['email_change_token_new', 'email_change_token_current'],
  sms: ['confirmation_token', 'recovery_token'],
  phone_change: ['phone_change_token'],
};

const METHOD: Record<VerifyType, AuthMethod> = {
  signup: 'otp', invite: 'invite', magiclink: 'magiclink', recovery: 'recovery', email_change: 'email_change', email: 'otp', sms: 'otp', phone_change: 'otp',
};

/** The PKCE flow states a link type can complete. */
const FLOW_METHODS: Record<VerifyType, string[]> = {
  signup: ['email/signup'], invite: ['invite'], magiclink: ['magiclink', 'email/signup'], recovery: ['recovery'],
  email: ['email/signup', 'magiclink'], email_change: ['email_change'], sms: [], phone_change: [],
};

export interface VerifyInput {
  type?: string;
  token?: string;
  token_hash?: string;
  email?: string;
  phone?: string;
  redirect_to?: string;
}

export const EMAIL_CHANGE_PENDING = 'Confirmation link accepted. Please proceed to confirm link sent to the other email';

type Outcome =
  | { kind: 'session'; session: SessionResponse; user: User }
  | { kind: 'code'; code: string; user: User }
  | { kind: 'pending'; message: string };

function parseType(type: string | undefined): VerifyType {
  if (!type || !(VERIFY_TYPES as readonly string[]).includes(type)) throw authError('validation_failed', `Verify requires a verification type`);
  return type as VerifyType;
}

/** Finds the user and token column the request proves, or throws otp_expired. */
async function match(mod: AuthModule, tx: Tx, type: VerifyType, input: VerifyInput): Promise<TokenMatch> {
  const s = mod.config;
  const columns = COLUMNS[type];
  let found: TokenMatch | null = null;
  if (input.token_hash) {
    found = await matchTokenHash(tx, columns, input.token_hash);
  } else if (input.token) {
    if (input.email && input.phone) throw authError('validation_failed', 'Only an email address or phone number should be provided on verify');
    if (input.email) {
      const email = normalizeEmail(input.email);
      const user = type === 'email_change' ? await findByEmailChange(tx, email) : await findUserByEmail(tx, email);
      if (user) found = matchOtp(user, columns.map((c) => [c, identifierFor(user, c, 'email')] as [TokenColumn, string]), input.token.trim());
    } else if (input.phone) {
      const phone = normalizePhone(input.phone);
      const user = type === 'phone_change' ? await findByPhoneChange(tx, phone) : await findUserByPhone(tx, phone);
      if (user) found = matchOtp(user, columns.map((c) => [c, identifierFor(user, c, 'phone')] as [TokenColumn, string]), input.token.trim());
    } else {
      throw authError('validation_failed', 'Only an email address or phone number should be provided on verify');
    }
  } else {
    throw authError('validation_failed', 'Verify requires either a token or a token hash');
  }
  if (!found || isExpired(found.user, found.column, s.otp_expiry)) throw authError('otp_expired');
  return found;
}

/** What the column's token hash was made from: the address or number the message went to. */
function identifierFor(user: User, column: TokenColumn, channel: 'email' | 'phone'): string {
  if (column === 'email_change_token_new') return user.email_change ?? '';
  if (column === 'phone_change_token') return user.phone_change ?? '';
  if (column === 'email_change_token_current') return user.email ?? '';
  return (channel === 'phone' ? user.phone : user.email) ?? '';
}

async function findByEmailChange(tx: Tx, email: string): Promise<User | null> {
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM auth.users WHERE lower(email_change) = $1 OR lower(email) = $1 ORDER BY (lower(email_change) = $1) DESC LIMIT 1`, [email]);
  return rows[0] ? findUserById(tx, rows[0].id) : null;
}

async function findByPhoneChange(tx: Tx, phone: string): Promise<User | null> {
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM auth.users WHERE phone_change = $1 LIMIT 1`, [phone]);
  return rows[0] ? findUserById(tx, rows[0].id) : null;
}

const now = () => new Date().toISOString();

/** Applies what the token proves. Returns null when an email change still waits for its other confirmation. */
async function apply(mod: AuthModule, tx: Tx, m: TokenMatch, viaPhone: boolean): Promise<User | null> {
  const u = m.user;
  switch (m.column) {
    case 'confirmation_token':
    case 'recovery_token': {
      await clearToken(tx, u.id, m.column);
      if (viaPhone) {
        if (!u.phone_confirmed_at) await updateUser(tx, u.id, { phone_confirmed_at: now() });
        await markIdentityVerified(tx, u.id, 'phone', { phone_verified: true });
      } else {
        if (!u.email_confirmed_at) await updateUser(tx, u.id, { email_confirmed_at: now() });
        await markIdentityVerified(tx, u.id, 'email', { email_verified: true });
      }
      break;
    }
    case 'email_change_token_new':
    case 'email_change_token_current': {
      const other: TokenColumn = m.column === 'email_change_token_new' ? 'email_change_token_current' : 'email_change_token_new';
      await clearToken(tx, u.id, m.column);
      if (mod.config.double_confirm_changes && u[other] && (u.email_change_confirm_status ?? 0) === 0) {
        await updateUser(tx, u.id, { email_change_confirm_status: 1 });
        return null;
      }
      await clearToken(tx, u.id, other);
      await changeEmail(tx, u, u.email_change!);
      break;
    }
    case 'phone_change_token': {
      await clearToken(tx, u.id, m.column);
      await updateUser(tx, u.id, { phone: u.phone_change, phone_change: '', phone_confirmed_at: now() });
      await tx.query(`DELETE FROM auth.identities WHERE user_id = $1 AND provider = 'phone'`, [u.id]);
      await createIdentity(tx, { ...u, phone: u.phone_change }, 'phone', { phone_verified: true });
      await addProvider(tx, u, 'phone');
      break;
    }
    default:
      break;
  }
  return findUserById(tx, u.id);
}

/** The confirmed new address replaces the old one (and an anonymous user becomes a permanent one). */
export async function changeEmail(tx: Tx, u: User, email: string): Promise<void> {
  await updateUser(tx, u.id, {
    email, email_change: '', email_change_confirm_status: 0, email_confirmed_at: u.email_confirmed_at ?? now(), is_anonymous: false,
  });
  await tx.query(`DELETE FROM auth.identities WHERE user_id = $1 AND provider = 'email'`, [u.id]);
  await createIdentity(tx, { ...u, email }, 'email', { email_verified: true });
  await addProvider(tx, u, 'email');
}

async function verify(mod: AuthModule, input: VerifyInput, client: ClientInfo, viaLink: boolean): Promise<Outcome> {
  const type = parseType(input.type);
  const account = input.email ?? input.phone ?? input.token_hash ?? '';
  mod.attempts.check(account, client.ip, { perAccount: mod.config.max_failed_attempts_per_account, perIp: mod.config.max_failed_attempts_per_ip });
  try {
    const outcome = await mod.tx(async (tx): Promise<Outcome> => {
      const m = await match(mod, tx, type, input);
      const user = await apply(mod, tx, m, type === 'sms');
      if (!user) return { kind: 'pending', message: EMAIL_CHANGE_PENDING };
      if (user.banned_until && Date.parse(user.banned_until) > Date.now()) throw authError('user_banned');
      if (viaLink && m.pkce) {
        const code = await issueAuthCode(tx, user.id, FLOW_METHODS[type]);
        if (code) return { kind: 'code', code, user };
      }
      return { kind: 'session', session: await mod.signIn(tx, user, METHOD[type], client), user };
    });
    if (outcome.kind !== 'pending' && (type === 'signup' || type === 'invite')) await mod.audit(client, 'auth.user.confirmed', outcome.user.id, { type });
    return outcome;
  } catch (err) {
    if (err instanceof AuthError && err.code === 'otp_expired') mod.attempts.fail(account, client.ip);
    throw err;
  }
}

export async function verifyPost(mod: AuthModule, input: VerifyInput, client: ClientInfo): Promise<SessionResponse | { msg: string; message: string }> {
  const outcome = await verify(mod, input, client, false);
  if (outcome.kind === 'pending') return { msg: outcome.message, message: outcome.message };
  if (outcome.kind === 'code') throw authError('unexpected_failure');
  return outcome.session;
}

/** The Location of GET /verify's 303: success, a pending email change, or the error, as GoTrue encodes them. */
export async function verifyLinkRedirect(mod: AuthModule, input: VerifyInput, client: ClientInfo): Promise<string> {
  const redirectTo = resolveRedirect(input.redirect_to, client.referer, mod.config);
  const pkceLink = (input.token ?? '').startsWith('pkce_');
  try {
    const outcome = await verify(mod, { type: input.type, token_hash: input.token, redirect_to: input.redirect_to }, client, true);
    if (outcome.kind === 'pending') return `${redirectTo}#${new URLSearchParams({ message: outcome.message })}`;
    if (outcome.kind === 'code') return withQuery(redirectTo, { code: outcome.code });
    const s = outcome.session;
    const fragment = new URLSearchParams({
      access_token: s.access_token, expires_at: String(s.expires_at), expires_in: String(s.expires_in),
      refresh_token: s.refresh_token, sb: '', token_type: 'bearer', type: input.type ?? '',
    });
    return `${redirectTo}#${fragment}`;
  } catch (err) {
    const e = err instanceof AuthError ? err : authError('unexpected_failure');
    const description = e.code === 'otp_expired' ? 'Email link is invalid or has expired' : e.message;
    const params = { error: e.status >= 500 ? 'server_error' : 'access_denied', error_code: e.code, error_description: description };
    if (e.status >= 500) mod.ctx.log.error({ err }, 'auth link verification failed');
    return pkceLink ? withQuery(redirectTo, params) : `${redirectTo}#${new URLSearchParams(params)}`;
  }
}

function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}
