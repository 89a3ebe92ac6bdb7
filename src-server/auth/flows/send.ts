// Issuing a one-time token and putting the message GoTrue would send into the inbox, one helper per kind of mail.
import type { Tx } from '../db.js';
import { emailMessage, smsMessage, verifyLink, type MessageKind } from '../mailer.js';
import type { AuthModule, ClientInfo } from '../module.js';
import { checkSendFrequency, issueToken } from '../one-time-tokens.js';
import type { TokenColumn, User } from '../users.js';

type EmailKind = Exclude<MessageKind, 'sms' | 'phone_change' | 'email_change_current'>;

async function sendEmailToken(mod: AuthModule, tx: Tx, user: User, opts: {
  column: TokenColumn; kind: EmailKind; to: string; linkType: string; redirectTo: string; pkce: boolean; client: ClientInfo; extra?: Record<string, unknown>;
}): Promise<{ otp: string; hash: string }> {
  checkSendFrequency(user, opts.column, mod.config.email_max_frequency, 'email');
  const { otp, hash } = await issueToken(tx, user, opts.column, opts.to, mod.config.otp_length, opts.pkce, opts.extra);
  const link = verifyLink(opts.client.externalUrl, hash, opts.linkType, opts.redirectTo);
  await mod.send(tx, emailMessage(opts.kind, opts.to, user.id, otp, link));
  return { otp, hash };
}

export function sendConfirmation(mod: AuthModule, tx: Tx, user: User, redirectTo: string, pkce: boolean, client: ClientInfo) {
  return sendEmailToken(mod, tx, user, { column: 'confirmation_token', kind: 'signup', to: user.email!, linkType: 'signup', redirectTo, pkce, client });
}

export function sendInvite(mod: AuthModule, tx: Tx, user: User, redirectTo: string, client: ClientInfo) {
  return sendEmailToken(mod, tx, user, { column: 'confirmation_token', kind: 'invite', to: user.email!, linkType: 'invite', redirectTo, pkce: false, client, extra: { invited_at: new Date().toISOString() } });
}

/** Magic links use the recovery token column, as GoTrue does. */
export function sendMagicLink(mod: AuthModule, tx: Tx, user: User, redirectTo: string, pkce: boolean, client: ClientInfo) {
  return sendEmailToken(mod, tx, user, { column: 'recovery_token', kind: 'magiclink', to: user.email!, linkType: 'magiclink', redirectTo, pkce, client });
}

export function sendRecovery(mod: AuthModule, tx: Tx, user: User, redirectTo: string, pkce: boolean, client: ClientInfo) {
  return sendEmailToken(mod, tx, user, { column: 'recovery_token', kind: 'recovery', to: user.email!, linkType: 'recovery', redirectTo, pkce, client });
}

/** An email change: a token to the new address, and with double confirmation one to the current address too. */
export async function sendEmailChange(mod: AuthModule, tx: Tx, user: User, newEmail: string, redirectTo: string, pkce: boolean, client: ClientInfo) {
  checkSendFrequency(user, 'email_change_token_new', mod.config.email_max_frequency, 'email');
  const extra = { email_change: newEmail, email_change_confirm_status: 0 };
  const next = await issueToken(tx, user, 'email_change_token_new', newEmail, mod.config.otp_length, pkce, extra);
  await mod.send(tx, emailMessage('email_change', newEmail, user.id, next.otp, verifyLink(client.externalUrl, next.hash, 'email_change', redirectTo)));
  if (mod.config.double_confirm_changes && user.email) {
    const current = await issueToken(tx, user, 'email_change_token_current', user.email, mod.config.otp_length, pkce);
    await mod.send(tx, emailMessage('email_change_current', user.email, user.id, current.otp, verifyLink(client.externalUrl, current.hash, 'email_change', redirectTo)));
  }
}

export async function sendReauthentication(mod: AuthModule, tx: Tx, user: User) {
  const identifier = user.email || user.phone || '';
  const column: TokenColumn = 'reauthentication_token';
  checkSendFrequency(user, column, mod.config.email_max_frequency, user.email ? 'email' : 'sms');
  const { otp } = await issueToken(tx, user, column, identifier, mod.config.otp_length, false);
  await mod.send(tx, user.email ? emailMessage('reauthentication', user.email, user.id, otp, undefined) : smsMessage('sms', user.phone!, user.id, otp));
}

/** An SMS OTP (confirmation, sign-in or phone change); the message id is the inbox row's. */
export async function sendPhoneOtp(mod: AuthModule, tx: Tx, user: User, column: TokenColumn, phone: string, kind: 'sms' | 'phone_change', extra?: Record<string, unknown>) {
  checkSendFrequency(user, column, mod.config.email_max_frequency, 'sms');
  const { otp } = await issueToken(tx, user, column, phone, mod.config.otp_length, false, extra);
  await mod.send(tx, smsMessage(kind, phone, user.id, otp));
  return otp;
}
