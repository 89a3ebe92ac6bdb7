// The flows that send a message: POST /otp (magic link / email or SMS code), /recover, /resend
// (api/otp.go, api/magic_link.go, api/recover.go, api/resend.go). Unknown addresses get the same answer as known ones.
import crypto from 'node:crypto';
import { authError } from '../errors.js';
import { createFlowState } from '../flow-state.js';
import type { AuthModule, ClientInfo } from '../module.js';
import { hashPassword } from '../passwords.js';
import { resolveRedirect } from '../redirects.js';
import { createIdentity, findUserByEmail, findUserById, findUserByPhone, insertUser } from '../users.js';
import { normalizeEmail, normalizePhone, pkceOf, type PkceParams } from '../validate.js';
import { sendConfirmation, sendEmailChange, sendMagicLink, sendPhoneOtp, sendRecovery } from './send.js';

export interface OtpInput extends PkceParams {
  email?: string;
  phone?: string;
  data?: Record<string, unknown>;
  create_user?: boolean;
  channel?: string;
  redirect_to?: string;
}

export async function sendOtp(mod: AuthModule, input: OtpInput, client: ClientInfo): Promise<Record<string, unknown>> {
  if (input.email && input.phone) throw authError('validation_failed', 'Only an email address or phone number should be provided');
  if (!input.email && !input.phone) throw authError('validation_failed', 'An email address or phone number is required');
  const s = mod.config;
  const createUser = input.create_user ?? true;
  const pkce = pkceOf(input);
  const redirectTo = resolveRedirect(input.redirect_to, client.referer, s);

  if (input.phone) {
    const phone = normalizePhone(input.phone);
    const messageId = await mod.tx(async (tx) => {
      let user = await findUserByPhone(tx, phone);
      if (!user) {
        if (!createUser || s.disable_signup) throw authError('otp_disabled');
        user = await insertUser(tx, { phone, aud: 'authenticated', role: 'authenticated', raw_app_meta_data: { provider: 'phone', providers: ['phone'] }, raw_user_meta_data: input.data ?? {} });
        await createIdentity(tx, user, 'phone');
      }
      await sendPhoneOtp(mod, tx, user, user.phone_confirmed_at ? 'recovery_token' : 'confirmation_token', phone, 'sms');
      const { rows } = await tx.query<{ id: string }>(`SELECT currval('trestle.auth_messages_id_seq')::text AS id`);
      return rows[0].id;
    });
    return { message_id: messageId };
  }

  const email = normalizeEmail(input.email!);
  const created = await mod.tx(async (tx) => {
    let user = await findUserByEmail(tx, email);
    let isNew = false;
    if (!user) {
      if (!createUser || s.disable_signup) throw authError('otp_disabled');
      user = await insertUser(tx, {
        email, aud: 'authenticated', role: 'authenticated', encrypted_password: await hashPassword(crypto.randomBytes(24).toString('base64url')),
        raw_app_meta_data: { provider: 'email', providers: ['email'] }, raw_user_meta_data: input.data ?? {},
      });
      await createIdentity(tx, user, 'email');
      isNew = true;
    }
    if (user.email_confirmed_at || !s.enable_confirmations) {
      if (pkce) await createFlowState(tx, user.id, pkce, 'magiclink');
      await sendMagicLink(mod, tx, user, redirectTo, Boolean(pkce), client);
    } else {
      if (pkce) await createFlowState(tx, user.id, pkce, 'email/signup');
      await sendConfirmation(mod, tx, user, redirectTo, Boolean(pkce), client);
    }
    return isNew ? user.id : null;
  });
  if (created) await mod.audit(client, 'auth.user.signup', created, { provider: 'email', via: 'otp' });
  return {};
}

export async function recover(mod: AuthModule, input: { email?: string; redirect_to?: string } & PkceParams, client: ClientInfo): Promise<Record<string, unknown>> {
  if (!input.email) throw authError('validation_failed', 'Password recovery requires an email');
  const email = normalizeEmail(input.email);
  const pkce = pkceOf(input);
  const redirectTo = resolveRedirect(input.redirect_to, client.referer, mod.config);
  await mod.tx(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) return;
    if (pkce) await createFlowState(tx, user.id, pkce, 'recovery');
    await sendRecovery(mod, tx, user, redirectTo, Boolean(pkce), client);
  });
  return {};
}

export async function resend(mod: AuthModule, input: { type?: string; email?: string; phone?: string; redirect_to?: string } & PkceParams, client: ClientInfo): Promise<Record<string, unknown>> {
  const type = input.type;
  if (!type || !['signup', 'email_change', 'sms', 'phone_change'].includes(type)) throw authError('validation_failed', 'Missing one of these types: signup, email_change, sms, phone_change');
  const emailType = type === 'signup' || type === 'email_change';
  if (emailType && !input.email) throw authError('validation_failed', `Type provided requires an email address`);
  if (!emailType && !input.phone) throw authError('validation_failed', `Type provided requires a phone number`);
  const pkce = pkceOf(input);
  const redirectTo = resolveRedirect(input.redirect_to, client.referer, mod.config);
  return mod.tx(async (tx) => {
    if (emailType) {
      const user = await findUserByEmail(tx, normalizeEmail(input.email!));
      if (!user) return {};
      if (type === 'signup') {
        if (user.email_confirmed_at) return {};
        if (pkce) await createFlowState(tx, user.id, pkce, 'email/signup');
        await sendConfirmation(mod, tx, user, redirectTo, Boolean(pkce), client);
      } else if (user.email_change) {
        await sendEmailChange(mod, tx, user, user.email_change, redirectTo, Boolean(pkce), client);
      }
      return {};
    }
    const phone = normalizePhone(input.phone!);
    if (type === 'sms') {
      const user = await findUserByPhone(tx, phone);
      if (!user || user.phone_confirmed_at) return {};
      await sendPhoneOtp(mod, tx, user, 'confirmation_token', phone, 'sms');
    } else {
      const { rows } = await tx.query<{ id: string }>(`SELECT id FROM auth.users WHERE phone_change = $1 LIMIT 1`, [phone]);
      const user = rows[0] ? await findUserById(tx, rows[0].id) : null;
      if (!user) return {};
      await sendPhoneOtp(mod, tx, user, 'phone_change_token', phone, 'phone_change');
    }
    const { rows } = await tx.query<{ id: string }>(`SELECT currval('trestle.auth_messages_id_seq')::text AS id`);
    return { message_id: rows[0].id };
  });
}
