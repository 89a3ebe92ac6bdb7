// What GoTrue would email or text, behind a small interface. Trestle's implementation sends nothing: it keeps every
// message in the local inbox (trestle.auth_messages of the active database), written in the auth transaction so a
// message exists exactly when its token does.
import type { Tx } from './db.js';

export type MessageKind = 'signup' | 'magiclink' | 'recovery' | 'invite' | 'email_change' | 'email_change_current' | 'reauthentication' | 'sms' | 'phone_change';

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  kind: MessageKind;
  subject: string;
  text: string;
  html?: string;
  otp?: string;
  link?: string;
  userId: string;
}

export interface Mailer {
  send(tx: Tx, message: OutgoingMessage): Promise<void>;
}

export class InboxMailer implements Mailer {
  async send(tx: Tx, m: OutgoingMessage): Promise<void> {
    await tx.query(
      `INSERT INTO trestle.auth_messages (channel, recipient, kind, subject, body_text, body_html, otp, link, user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [m.channel, m.to, m.kind, m.subject, m.text, m.html ?? null, m.otp ?? null, m.link ?? null, m.userId],
    );
  }
}

const SUBJECTS: Record<Exclude<MessageKind, 'sms' | 'phone_change'>, [subject: string, heading: string, action: string]> = {
  signup: ['Confirm Your Signup', 'Confirm your signup', 'Confirm your mail'],
  magiclink: ['Your Magic Link', 'Magic Link', 'Log In'],
  recovery: ['Reset Your Password', 'Reset Password', 'Reset Password'],
  invite: ['You have been invited', 'You have been invited', 'Accept the invite'],
  email_change: ['Confirm Email Change', 'Confirm Change of Email', 'Change Email'],
  email_change_current: ['Confirm Email Change', 'Confirm Change of Email', 'Change Email'],
  reauthentication: ['Confirm reauthentication', 'Confirm reauthentication', ''],
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** An email in the shape of GoTrue's default templates: a heading, the link, and the OTP to type instead. */
export function emailMessage(kind: Exclude<MessageKind, 'sms' | 'phone_change'>, to: string, userId: string, otp: string, link: string | undefined): OutgoingMessage {
  const [subject, heading, action] = SUBJECTS[kind];
  const text = [heading, '', link ? `Follow this link: ${link}` : '', `Alternatively, enter the code: ${otp}`].filter((l, i) => i < 2 || l).join('\n');
  const html = `<h2>${escapeHtml(heading)}</h2>${link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>` : ''}<p>Alternatively, enter the code: <strong>${escapeHtml(otp)}</strong></p>`;
  return { channel: 'email', to, kind, subject, text, html, otp, link, userId };
}

export function smsMessage(kind: 'sms' | 'phone_change', to: string, userId: string, otp: string): OutgoingMessage {
  return { channel: 'sms', to, kind, subject: 'SMS', text: `Your code is ${otp}`, otp, userId };
}

/**
 * GoTrue's verification link: {API}/auth/v1/verify?token=<hash>&type=<type>&redirect_to=<url>. Like GoTrue's mailer,
 * redirect_to is written as given unless it contains `&`, `=` or `#` (then it cannot be part of the query unescaped).
 */
export function verifyLink(externalUrl: string, hash: string, type: string, redirectTo: string): string {
  const q = new URLSearchParams({ token: hash, type });
  const redirect = /[&=#]/.test(redirectTo) ? encodeURIComponent(redirectTo) : redirectTo;
  return `${externalUrl}/auth/v1/verify?${q.toString()}&redirect_to=${redirect}`;
}
