// The auth module's dashboard/management shapes, as plain types with no imports: the server uses them and the
// renderer imports them type-only (src-renderer/data/auth/types.ts), so both sides read one definition.

export type SigningKeyChoice = 'hs256' | 'es256';

export interface AuthSettings {
  site_url: string;
  /** Extra redirect targets; `*` and `**` globs as Supabase's allow list. */
  uri_allow_list: string[];
  disable_signup: boolean;
  /** Email sign-ups must confirm before they get a session (GoTrue's mailer_autoconfirm = !this). */
  enable_confirmations: boolean;
  enable_phone_confirmations: boolean;
  enable_anonymous_sign_ins: boolean;
  minimum_password_length: number;
  /** Access token lifetime in seconds. */
  jwt_expiry: number;
  signing_key: SigningKeyChoice;
  refresh_token_rotation_enabled: boolean;
  /** Seconds a rotated refresh token may still be used (concurrent tabs, lost responses). */
  refresh_token_reuse_interval: number;
  otp_length: number;
  /** Seconds an emailed or texted OTP / link stays valid. */
  otp_expiry: number;
  /** Email changes confirmed on both the old and the new address. */
  double_confirm_changes: boolean;
  /** Minimum seconds between two emails of one kind to one user (GoTrue's SMTP max_frequency). */
  email_max_frequency: number;
  /** Failed password or OTP attempts allowed per account, and per client IP, in a 5-minute window. */
  max_failed_attempts_per_account: number;
  max_failed_attempts_per_ip: number;
  /** `pg-functions://postgres/<schema>/<function>` when enabled. */
  hook_custom_access_token: { enabled: boolean; uri: string };
  /** TOTP factors (enroll and verify); off, the factor endpoints answer GoTrue's "disabled" errors. */
  mfa_totp_enabled: boolean;
  /**
   * signInWithOAuth({ provider }) lands on Trestle's local stand-in page, which returns an identity of that provider;
   * off, /authorize answers GoTrue's "provider is not enabled" error.
   */
  oauth_stand_in_enabled: boolean;
}

/** GoTrue's identity object (src-server/auth/users.ts identityJson). */
export interface IdentitySummary {
  identity_id: string;
  id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: string;
  created_at: string;
  updated_at: string;
  email?: string;
}

/** A user as /v1/auth/identities and /api/auth/users list them. */
export interface AccountSummary {
  id: string;
  email: string | null;
  phone: string | null;
  role: string | null;
  is_anonymous: boolean;
  created_at: string | null;
  last_sign_in_at: string | null;
  email_confirmed_at: string | null;
  phone_confirmed_at: string | null;
  banned_until: string | null;
  deleted_at: string | null;
  providers: string[];
  sessions_count: number;
  identities: IdentitySummary[];
  user_metadata: Record<string, unknown>;
  app_metadata: Record<string, unknown>;
}

export interface InboxMessage {
  id: string;
  created_at: string;
  channel: 'email' | 'sms';
  recipient: string;
  kind: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  otp: string | null;
  link: string | null;
  user_id: string | null;
}

export interface AuthSettingsResponse {
  settings: AuthSettings;
  jwks: { keys: Array<Record<string, unknown>> };
  issuer_hint: string;
}

export interface ImpersonationToken {
  access_token: string;
  expires_at: number;
  claims: Record<string, unknown>;
}
