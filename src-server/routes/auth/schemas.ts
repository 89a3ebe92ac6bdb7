// TypeBox schemas of the GoTrue endpoints' bodies and queries. Loose where auth-js sends extra fields
// (gotrue_meta_security, nulls for an implicit flow's PKCE fields); flows check meaning and answer GoTrue's errors.
import { Type, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Str = Nullable(Type.String({ maxLength: 4096 }));
const Metadata = Nullable(Type.Object({}, { additionalProperties: true }));
const Pkce = { code_challenge: Str, code_challenge_method: Str };
const Open = { additionalProperties: true } as const;

export const RedirectQuery = Type.Object({ redirect_to: Type.Optional(Type.String({ maxLength: 4096 })) }, Open);

export const SignupBody = Type.Object({ email: Str, phone: Str, password: Str, data: Metadata, channel: Str, ...Pkce }, Open);

export const TokenQuery = Type.Object({ grant_type: Type.Optional(Type.String({ maxLength: 64 })) }, Open);
export const TokenBody = Type.Object({
  email: Str, phone: Str, password: Str, refresh_token: Str, auth_code: Str, code_verifier: Str,
}, Open);

export const OtpBody = Type.Object({ email: Str, phone: Str, data: Metadata, create_user: Nullable(Type.Boolean()), channel: Str, ...Pkce }, Open);
export const RecoverBody = Type.Object({ email: Str, ...Pkce }, Open);
export const ResendBody = Type.Object({ type: Str, email: Str, phone: Str, ...Pkce }, Open);

export const VerifyBody = Type.Object({ type: Str, token: Str, token_hash: Str, email: Str, phone: Str, redirect_to: Str }, Open);
export const VerifyQuery = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 64 })), token: Type.Optional(Type.String({ maxLength: 4096 })),
  redirect_to: Type.Optional(Type.String({ maxLength: 4096 })),
}, Open);

export const UserUpdateBody = Type.Object({ email: Str, password: Str, phone: Str, data: Metadata, nonce: Str, channel: Str, ...Pkce }, Open);
export const LogoutQuery = Type.Object({ scope: Type.Optional(Type.String({ maxLength: 16 })) }, Open);

export const AdminUserBody = Type.Object({
  id: Str, email: Str, phone: Str, password: Str, password_hash: Str, email_confirm: Nullable(Type.Boolean()), phone_confirm: Nullable(Type.Boolean()),
  user_metadata: Metadata, app_metadata: Metadata, ban_duration: Str, role: Str,
}, Open);
export const AdminListQuery = Type.Object({
  // auth-js sends `page=&per_page=` when none are given: empty means the default.
  page: Type.Optional(Type.String({ pattern: '^[0-9]{0,7}$' })),
  per_page: Type.Optional(Type.String({ pattern: '^[0-9]{0,4}$' })),
  filter: Type.Optional(Type.String({ maxLength: 256 })),
}, Open);
export const UserIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const DeleteUserBody = Nullable(Type.Object({ should_soft_delete: Nullable(Type.Boolean()) }, Open));
export const GenerateLinkBody = Type.Object({ type: Str, email: Str, password: Str, data: Metadata, new_email: Str, redirect_to: Str }, Open);
export const InviteBody = Type.Object({ email: Str, data: Metadata }, Open);

export const FactorEnrollBody = Type.Object({ factor_type: Str, friendly_name: Str, issuer: Str, phone: Str }, Open);
export const FactorParams = Type.Object({ factorId: Type.String({ maxLength: 64 }) });
export const FactorVerifyBody = Type.Object({ challenge_id: Str, code: Str }, Open);

/** signInWithOAuth's navigation: provider, redirect_to, scopes, PKCE, and the app's extra queryParams. */
export const AuthorizeQuery = Type.Object({
  provider: Type.Optional(Type.String({ maxLength: 64 })), redirect_to: Type.Optional(Type.String({ maxLength: 4096 })),
  scopes: Type.Optional(Type.String({ maxLength: 1024 })), code_challenge: Type.Optional(Type.String({ maxLength: 256 })),
  code_challenge_method: Type.Optional(Type.String({ maxLength: 16 })),
}, Open);

export const StandInQuery = Type.Object({ state: Type.Optional(Type.String({ maxLength: 8192 })) });

/** The stand-in page's form: the signed state and the identity picked (or `deny`). */
export const StandInForm = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 8192 })), deny: Type.Optional(Type.String({ maxLength: 8 })),
  provider_id: Type.Optional(Type.String({ maxLength: 255 })), email: Type.Optional(Type.String({ maxLength: 320 })),
  name: Type.Optional(Type.String({ maxLength: 200 })), user_name: Type.Optional(Type.String({ maxLength: 100 })),
  avatar_url: Type.Optional(Type.String({ maxLength: 2048 })),
});
