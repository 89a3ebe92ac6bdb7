// Response and body schemas of the Trestle-side auth endpoints (management API and dashboard).
import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Json = Type.Object({}, { additionalProperties: true });

export const IdentitySummary = Type.Object({
  identity_id: Type.String(), id: Type.String(), user_id: Type.String(), identity_data: Json, provider: Type.String(),
  last_sign_in_at: Type.String(), created_at: Type.String(), updated_at: Type.String(), email: Type.Optional(Type.String()),
});

export const AccountSummary = Type.Object({
  id: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  role: Nullable(Type.String()),
  is_anonymous: Type.Boolean(),
  created_at: Nullable(Type.String()),
  last_sign_in_at: Nullable(Type.String()),
  email_confirmed_at: Nullable(Type.String()),
  phone_confirmed_at: Nullable(Type.String()),
  banned_until: Nullable(Type.String()),
  deleted_at: Nullable(Type.String()),
  providers: Type.Array(Type.String()),
  sessions_count: Type.Integer(),
  identities: Type.Array(IdentitySummary),
  user_metadata: Json,
  app_metadata: Json,
});

export const AccountList = Type.Object({
  identities: Type.Array(AccountSummary),
  total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(),
});

export const DashboardUsers = Type.Object({ users: Type.Array(AccountSummary), total: Type.Integer() });

export const UsersQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  search: Type.Optional(Type.String({ maxLength: 256 })),
});

export const CreateUserBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 255 }),
  password: Type.String({ minLength: 1, maxLength: 72 }),
  email_confirm: Type.Optional(Type.Boolean({ default: true })),
}, { additionalProperties: false });

export const BanBody = Type.Object({ duration: Type.String({ minLength: 1, maxLength: 32, description: 'A Go duration such as 24h, or none to lift the ban' }) }, { additionalProperties: false });

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const InboxQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  recipient: Type.Optional(Type.String({ maxLength: 320 })),
  after: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
});

export const InboxMessage = Type.Object({
  id: Type.String(), created_at: Type.String(), channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]), recipient: Type.String(),
  kind: Type.String(), subject: Type.String(), body_text: Type.String(), body_html: Nullable(Type.String()), otp: Nullable(Type.String()),
  link: Nullable(Type.String()), user_id: Nullable(Type.String()),
});

export const InboxList = Type.Object({ messages: Type.Array(InboxMessage) });

export const ImpersonationToken = Type.Object({
  access_token: Type.String(), expires_at: Type.Integer(), claims: Json,
});

export const AuthSettingsSchema = Type.Object({
  site_url: Type.String({ format: 'uri', maxLength: 2048 }),
  uri_allow_list: Type.Array(Type.String({ minLength: 1, maxLength: 2048 }), { maxItems: 100 }),
  disable_signup: Type.Boolean(),
  enable_confirmations: Type.Boolean(),
  enable_phone_confirmations: Type.Boolean(),
  enable_anonymous_sign_ins: Type.Boolean(),
  minimum_password_length: Type.Integer({ minimum: 6, maximum: 72 }),
  jwt_expiry: Type.Integer({ minimum: 30, maximum: 604_800 }),
  signing_key: Type.Union([Type.Literal('hs256'), Type.Literal('es256')]),
  refresh_token_rotation_enabled: Type.Boolean(),
  refresh_token_reuse_interval: Type.Integer({ minimum: 0, maximum: 3600 }),
  otp_length: Type.Integer({ minimum: 6, maximum: 10 }),
  otp_expiry: Type.Integer({ minimum: 60, maximum: 86_400 }),
  double_confirm_changes: Type.Boolean(),
  email_max_frequency: Type.Integer({ minimum: 0, maximum: 3600 }),
  max_failed_attempts_per_account: Type.Integer({ minimum: 1, maximum: 100_000 }),
  max_failed_attempts_per_ip: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  hook_custom_access_token: Type.Object({ enabled: Type.Boolean(), uri: Type.String({ maxLength: 512 }) }, { additionalProperties: false }),
  mfa_totp_enabled: Type.Boolean(),
  oauth_stand_in_enabled: Type.Boolean(),
}, { additionalProperties: false });

export const AuthSettingsPatch = Type.Partial(AuthSettingsSchema, { additionalProperties: false });

export const AuthSettingsResponse = Type.Object({
  settings: AuthSettingsSchema,
  jwks: Type.Object({ keys: Type.Array(Json) }),
  issuer_hint: Type.String(),
});
