// The OIDC provider's management shapes, as plain types with no imports: the server uses them and the renderer imports
// them type-only (src-renderer/data/oauth2/types.ts), so both sides read one definition.

export const OAUTH2_GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type OAuth2GrantType = (typeof OAUTH2_GRANT_TYPES)[number];

/** The scopes the provider knows: OpenID Connect's standard ones. */
export const OAUTH2_SCOPES = ['openid', 'profile', 'email', 'phone', 'offline_access'] as const;
export type OAuth2Scope = (typeof OAUTH2_SCOPES)[number];

/** public: a browser or native app that cannot keep a secret (PKCE S256 required); confidential: it has a secret. */
export type OAuth2ClientType = 'public' | 'confidential';

export interface OAuth2Client {
  client_id: string;
  name: string;
  client_type: OAuth2ClientType;
  /** Exact match, except `http://localhost:*` (or 127.0.0.1, [::1]) which allows any port of that loopback URI. */
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  grant_types: OAuth2GrantType[];
  scopes: string[];
  created_at: string;
}

export interface CreateOAuth2Client {
  name: string;
  client_type?: OAuth2ClientType;
  redirect_uris?: string[];
  post_logout_redirect_uris?: string[];
  grant_types?: OAuth2GrantType[];
  scopes?: string[];
}

/** The answer to a create: the client, and its secret (confidential clients) shown this once. */
export interface CreatedOAuth2Client {
  client: OAuth2Client;
  client_secret: string | null;
}

export interface OAuth2SigningKey {
  kid: string;
  alg: string;
  created_at: string;
  /** null: the key signing new tokens. */
  retired_at: string | null;
  /** When a retired key stops being published (the last token it signed has expired). */
  published_until: string | null;
}

export interface OAuth2Overview {
  issuer: string;
  discovery_url: string;
  keys: OAuth2SigningKey[];
}
