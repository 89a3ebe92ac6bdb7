// Request and response schemas of the OAuth2 management routes and the interaction pages' forms.
import { Type } from '@sinclair/typebox';
import { OAUTH2_GRANT_TYPES } from '../../oidc/wire-types.js';

const Uri = Type.String({ minLength: 1, maxLength: 2000 });
const GrantType = Type.Union(OAUTH2_GRANT_TYPES.map((g) => Type.Literal(g)));

export const OAuth2ClientSchema = Type.Object({
  client_id: Type.String(),
  name: Type.String(),
  client_type: Type.Union([Type.Literal('public'), Type.Literal('confidential')]),
  redirect_uris: Type.Array(Type.String()),
  post_logout_redirect_uris: Type.Array(Type.String()),
  grant_types: Type.Array(GrantType),
  scopes: Type.Array(Type.String()),
  created_at: Type.String(),
});

export const CreateClientBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  client_type: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('confidential')])),
  redirect_uris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
  post_logout_redirect_uris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
  grant_types: Type.Optional(Type.Array(GrantType, { minItems: 1, maxItems: 3 })),
  scopes: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })),
}, { additionalProperties: false });

export const ClientIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const ClientList = Type.Object({ clients: Type.Array(OAuth2ClientSchema) });
export const CreatedClient = Type.Object({ client: OAuth2ClientSchema, client_secret: Type.Union([Type.String(), Type.Null()]) });
export const DeletedClient = Type.Object({ client: OAuth2ClientSchema, revoked_tokens: Type.Integer() });

const SigningKey = Type.Object({
  kid: Type.String(), alg: Type.String(), created_at: Type.String(),
  retired_at: Type.Union([Type.String(), Type.Null()]), published_until: Type.Union([Type.String(), Type.Null()]),
});
export const Overview = Type.Object({ issuer: Type.String(), discovery_url: Type.String(), keys: Type.Array(SigningKey) });

/** The interaction pages' form posts (application/x-www-form-urlencoded). */
export const InteractionParams = Type.Object({ uid: Type.String({ minLength: 1, maxLength: 100 }) });
export const LoginForm = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 320 })),
  password: Type.Optional(Type.String({ maxLength: 200 })),
  account: Type.Optional(Type.String({ maxLength: 64 })),
});
