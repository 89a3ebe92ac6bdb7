// Input checks GoTrue applies before touching the database (api/mail.go validateEmail, api/phone.go validatePhone,
// api/password.go checkPasswordStrength, api/pkce.go validatePKCEParams).
import { authError } from './errors.js';
import { MAX_PASSWORD_BYTES } from './passwords.js';
import type { AuthSettings } from './settings.js';

const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 255 || !EMAIL.test(email)) throw authError('email_address_invalid', 'Unable to validate email address: invalid format');
  return email;
}

/** E.164 digits without the leading +, as GoTrue stores phone numbers. */
export function normalizePhone(raw: string): string {
  const phone = raw.replace(/[\s\-().]/g, '').replace(/^\+/, '');
  if (!/^[1-9]\d{1,14}$/.test(phone)) throw authError('validation_failed', 'Invalid phone number format (E.164 required)');
  return phone;
}

export function checkPassword(password: string, settings: AuthSettings): void {
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) throw authError('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
  if (password.length < settings.minimum_password_length) {
    throw authError('weak_password', `Password should be at least ${settings.minimum_password_length} characters.`, { weak_password: { reasons: ['length'] } });
  }
}

export interface PkceParams {
  code_challenge?: string | null;
  code_challenge_method?: string | null;
}

/** null for the implicit flow; the normalised challenge for PKCE. */
export function pkceOf(p: PkceParams): { challenge: string; method: 's256' | 'plain' } | null {
  const challenge = p.code_challenge ?? '';
  const method = (p.code_challenge_method ?? '').toLowerCase();
  if (!challenge && !method) return null;
  if (!challenge || !method) throw authError('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  if (challenge.length < 43 || challenge.length > 128) throw authError('validation_failed', 'code challenge has to be between 43 and 128 characters');
  if (method !== 's256' && method !== 'plain') throw authError('validation_failed', `code challenge method not supported: ${p.code_challenge_method}`);
  return { challenge, method };
}
