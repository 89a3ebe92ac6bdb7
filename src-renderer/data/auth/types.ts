// Shapes of /api/auth (src-server/routes/auth/dashboard-schemas.ts, src-server/auth/settings.ts).
export interface AuthIdentity {
  identity_id: string;
  id: string;
  provider: string;
  email?: string;
  last_sign_in_at: string;
}

export interface AuthUser {
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
  identities: AuthIdentity[];
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

export interface AuthSettings {
  site_url: string;
  uri_allow_list: string[];
  disable_signup: boolean;
  enable_confirmations: boolean;
  enable_phone_confirmations: boolean;
  enable_anonymous_sign_ins: boolean;
  minimum_password_length: number;
  jwt_expiry: number;
  signing_key: 'hs256' | 'es256';
  refresh_token_rotation_enabled: boolean;
  refresh_token_reuse_interval: number;
  otp_length: number;
  otp_expiry: number;
  double_confirm_changes: boolean;
  email_max_frequency: number;
  max_failed_attempts_per_account: number;
  max_failed_attempts_per_ip: number;
  hook_custom_access_token: { enabled: boolean; uri: string };
  mfa_totp_enabled: boolean;
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
