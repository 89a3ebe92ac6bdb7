// The auth module's settings (trestle.settings key `auth` in the main database), with the Supabase CLI's local
// defaults except where Trestle's contract says otherwise (anonymous sign-in on).
import type { SettingsService } from '../services/settings.js';

export type { AuthSettings, SigningKeyChoice } from './wire-types.js';
import type { AuthSettings } from './wire-types.js';

export const AUTH_DEFAULTS: AuthSettings = {
  site_url: 'http://127.0.0.1:3000',
  uri_allow_list: [],
  disable_signup: false,
  enable_confirmations: false,
  enable_phone_confirmations: false,
  enable_anonymous_sign_ins: true,
  minimum_password_length: 6,
  jwt_expiry: 3600,
  signing_key: 'hs256',
  refresh_token_rotation_enabled: true,
  refresh_token_reuse_interval: 10,
  otp_length: 6,
  otp_expiry: 3600,
  double_confirm_changes: true,
  email_max_frequency: 1,
  max_failed_attempts_per_account: 10,
  max_failed_attempts_per_ip: 100,
  hook_custom_access_token: { enabled: false, uri: '' },
  mfa_totp_enabled: true,
  oauth_stand_in_enabled: true,
};

const KEY = 'auth';

/** Settings read once and kept; every change goes through `update`, which persists first. */
export class AuthSettingsStore {
  private current: AuthSettings = AUTH_DEFAULTS;

  constructor(private readonly settings: SettingsService) {}

  async load(): Promise<AuthSettings> {
    const saved = await this.settings.get<Partial<AuthSettings>>(KEY);
    this.current = { ...AUTH_DEFAULTS, ...(saved ?? {}) };
    return this.current;
  }

  get(): AuthSettings {
    return this.current;
  }

  async update(patch: Partial<AuthSettings>): Promise<AuthSettings> {
    const next: AuthSettings = { ...this.current, ...patch };
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(AUTH_DEFAULTS[k as keyof AuthSettings])));
    await this.settings.set(KEY, changed);
    this.current = next;
    return next;
  }
}

/** `pg-functions://postgres/public/custom_access_token_hook` → ['public', 'custom_access_token_hook']. */
export function parseHookUri(uri: string): [schema: string, fn: string] | null {
  const m = /^pg-functions:\/\/[^/]+\/([^/]+)\/([^/]+)$/.exec(uri.trim());
  return m ? [m[1], m[2]] : null;
}
