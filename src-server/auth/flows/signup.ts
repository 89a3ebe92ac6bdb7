// POST /signup: email + password, phone + password, or anonymous (api/signup.go, api/anonymous.go).
import crypto from 'node:crypto';
import type { Tx } from '../db.js';
import { authError } from '../errors.js';
import { createFlowState } from '../flow-state.js';
import type { AuthModule, ClientInfo } from '../module.js';
import { hashPassword } from '../passwords.js';
import { resolveRedirect } from '../redirects.js';
import type { SessionResponse } from '../tokens.js';
import { createIdentity, findUserByEmail, findUserById, findUserByPhone, insertUser, markIdentityVerified, updateUser, userJson, type User } from '../users.js';
import { checkPassword, normalizeEmail, normalizePhone, pkceOf, type PkceParams } from '../validate.js';
import { sendConfirmation, sendPhoneOtp } from './send.js';

export interface SignupInput extends PkceParams {
  email?: string;
  phone?: string;
  password?: string;
  data?: Record<string, unknown>;
  channel?: string;
  redirect_to?: string;
}

export async function signUp(mod: AuthModule, input: SignupInput, client: ClientInfo): Promise<SessionResponse | Record<string, unknown>> {
  const s = mod.config;
  if (!input.email && !input.phone && !input.password) return signUpAnonymously(mod, input.data ?? {}, client);
  if (s.disable_signup) throw authError('signup_disabled');
  if (input.email && input.phone) throw authError('validation_failed', 'Only an email address or phone number should be provided on signup.');
  if (!input.email && !input.phone) throw authError('validation_failed', 'To signup, please provide your email or phone number');
  if (!input.password) throw authError('validation_failed', 'Signup requires a valid password');
  checkPassword(input.password, s);
  const pkce = pkceOf(input);
  if (input.phone && pkce) throw authError('validation_failed', 'PKCE not supported for phone signups');
  const provider = input.email ? 'email' : 'phone';
  const email = input.email ? normalizeEmail(input.email) : null;
  const phone = input.phone ? normalizePhone(input.phone) : null;
  const autoconfirm = provider === 'email' ? !s.enable_confirmations : !s.enable_phone_confirmations;
  const encrypted = await hashPassword(input.password);
  const redirectTo = resolveRedirect(input.redirect_to, client.referer, s);

  const outcome = await mod.tx(async (tx) => {
    const existing = email ? await findUserByEmail(tx, email) : await findUserByPhone(tx, phone!);
    if (existing) {
      const confirmed = provider === 'email' ? existing.email_confirmed_at : existing.phone_confirmed_at;
      if (confirmed || autoconfirm) {
        if (autoconfirm) throw authError('user_already_exists');
        return { kind: 'obfuscated' as const, user: existing };
      }
      // Unconfirmed: send the confirmation again, change nothing about the account (the caller is not proven to own it).
      await sendConfirmationFor(mod, tx, existing, provider, redirectTo, pkce, client);
      return { kind: 'obfuscated' as const, user: existing };
    }
    let user = await insertUser(tx, {
      email, phone, encrypted_password: encrypted, aud: 'authenticated', role: 'authenticated',
      raw_app_meta_data: { provider, providers: [provider] }, raw_user_meta_data: input.data ?? {},
    });
    await createIdentity(tx, user, provider);
    if (autoconfirm) {
      const column = provider === 'email' ? 'email_confirmed_at' : 'phone_confirmed_at';
      await updateUser(tx, user.id, { [column]: new Date().toISOString() });
      await markIdentityVerified(tx, user.id, provider, provider === 'email' ? { email_verified: true } : { phone_verified: true });
      user = (await reload(tx, user))!;
      return { kind: 'session' as const, user, session: await mod.signIn(tx, user, 'password', client) };
    }
    await sendConfirmationFor(mod, tx, user, provider, redirectTo, pkce, client);
    return { kind: 'user' as const, user: (await reload(tx, user))! };
  });

  if (outcome.kind === 'obfuscated') return obfuscatedUser(outcome.user, provider, input.data ?? {});
  await mod.audit(client, 'auth.user.signup', outcome.user.id, { provider, confirmed: outcome.kind === 'session' });
  return outcome.kind === 'session' ? outcome.session : userJson(outcome.user);
}

async function sendConfirmationFor(mod: AuthModule, tx: Tx, user: User, provider: 'email' | 'phone', redirectTo: string, pkce: ReturnType<typeof pkceOf>, client: ClientInfo) {
  if (provider === 'phone') return sendPhoneOtp(mod, tx, user, 'confirmation_token', user.phone!, 'sms');
  if (pkce) await createFlowState(tx, user.id, pkce, 'email/signup');
  await sendConfirmation(mod, tx, user, redirectTo, Boolean(pkce), client);
}

const reload = (tx: Tx, user: User) => findUserById(tx, user.id);

async function signUpAnonymously(mod: AuthModule, data: Record<string, unknown>, client: ClientInfo): Promise<SessionResponse> {
  if (!mod.config.enable_anonymous_sign_ins) throw authError('anonymous_provider_disabled');
  const result = await mod.tx(async (tx) => {
    const user = await insertUser(tx, {
      aud: 'authenticated', role: 'authenticated', is_anonymous: true,
      raw_app_meta_data: { provider: 'anonymous', providers: ['anonymous'] }, raw_user_meta_data: data,
    });
    return { user, session: await mod.signIn(tx, user, 'anonymous', client) };
  });
  await mod.audit(client, 'auth.user.signup', result.user.id, { provider: 'anonymous' });
  return result.session;
}

/** With confirmations on, a repeated sign-up answers like a new one (a random id) so addresses cannot be probed. */
function obfuscatedUser(user: User, provider: 'email' | 'phone', data: Record<string, unknown>): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    ...userJson({ ...user, identities: [], factors: [] }),
    id: crypto.randomUUID(), created_at: now, updated_at: now, confirmation_sent_at: now,
    email: provider === 'email' ? user.email : '', phone: provider === 'phone' ? user.phone : '',
    email_confirmed_at: undefined, phone_confirmed_at: undefined, confirmed_at: undefined, last_sign_in_at: undefined,
    user_metadata: data, app_metadata: { provider, providers: [provider] }, identities: [],
  };
}
