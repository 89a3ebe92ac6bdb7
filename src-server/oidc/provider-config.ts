// oidc-provider's configuration for Trestle: where its endpoints live (under /oauth2, discovery at the issuer's
// /.well-known/openid-configuration), what it stores where, which grants and features are on, token lifetimes, and
// Trestle's pages. Everything here is the library's documented configuration; nothing of it is patched.
import type { Client, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { OidcAccounts } from './accounts.js';
import { oidcProvider } from './provider-module.js';
import { loggedOutPage, logoutPage, errorPage } from './pages.js';
import { SIGNING_ALG } from './signing-keys.js';
import { OAUTH2_SCOPES } from './wire-types.js';

export const OIDC_ROUTES = {
  authorization: '/oauth2/authorize',
  token: '/oauth2/token',
  userinfo: '/oauth2/userinfo',
  jwks: '/oauth2/jwks',
  end_session: '/oauth2/session/end',
  revocation: '/oauth2/token/revocation',
  introspection: '/oauth2/token/introspection',
} as const;

export const INTERACTION_PATH = '/oauth2/interaction';

/** Lifetimes in seconds. */
export const OIDC_TTL = {
  AccessToken: 3600,
  ClientCredentials: 3600,
  AuthorizationCode: 120,
  IdToken: 3600,
  RefreshToken: 14 * 24 * 3600,
  Interaction: 3600,
  Session: 14 * 24 * 3600,
  Grant: 14 * 24 * 3600,
} as const;

/** The longest any token signed by a key can live (ID tokens, JWT access tokens), plus clock tolerance. */
export const SIGNED_TOKEN_LIFETIME_S = Math.max(OIDC_TTL.IdToken, OIDC_TTL.AccessToken, OIDC_TTL.ClientCredentials) + 60;

/** The audience of access tokens for Trestle's own API (what /v1/db and /rest/v1 accept, as GoTrue's tokens have). */
export const API_AUDIENCE = 'authenticated';

const CLAIMS = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  profile: ['name', 'given_name', 'family_name', 'nickname', 'preferred_username', 'picture', 'updated_at'],
};

/** Trestle's API (the issuer itself is its base URL) or any absolute URL of the developer's own APIs. */
function resourceServer(ctx: KoaContextWithOIDC, resource: string) {
  const url = URL.parse(resource);
  if (!url || url.hash) throw new (oidcProvider().errors.InvalidTarget)('resource must be an absolute URI without a fragment');
  const trestle = resource.replace(/\/$/, '') === ctx.oidc.issuer;
  return {
    scope: OAUTH2_SCOPES.join(' '),
    audience: trestle ? API_AUDIENCE : resource,
    accessTokenFormat: 'jwt' as const,
    accessTokenTTL: OIDC_TTL.AccessToken,
    jwt: { sign: { alg: SIGNING_ALG } },
  } as const;
}

export interface ProviderSetup {
  adapter: NonNullable<Configuration['adapter']>;
  accounts: OidcAccounts;
  jwks: NonNullable<Configuration['jwks']>;
  cookieKeys: string[];
}

export function providerConfiguration(setup: ProviderSetup): Configuration {
  return {
    adapter: setup.adapter,
    findAccount: setup.accounts.findAccount,
    jwks: setup.jwks,
    cookies: {
      keys: setup.cookieKeys,
      // Distinct from the dashboard's trestle_session: signing in to an app never touches the dashboard session.
      names: { session: 'trestle_oidc_session', interaction: 'trestle_oidc_interaction', resume: 'trestle_oidc_resume' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    routes: OIDC_ROUTES,
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    scopes: [...OAUTH2_SCOPES],
    claims: CLAIMS,
    // ID tokens carry the claims of the granted scopes (email, name…), as GoTrue's do, not only sub.
    conformIdTokenClaims: false,
    // Secrets are stored as digests, so only methods that send the secret itself (or none, with PKCE).
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    clientDefaults: { grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: SIGNING_ALG },
    // Never HS256: ID tokens and JWT access tokens are signed with the published asymmetric key.
    enabledJWA: {
      idTokenSigningAlgValues: [SIGNING_ALG],
      userinfoSigningAlgValues: [SIGNING_ALG],
      introspectionSigningAlgValues: [SIGNING_ALG],
      authorizationSigningAlgValues: [SIGNING_ALG],
    },
    // Browser apps on any local origin may call the token, userinfo and revocation endpoints (Trestle's CORS policy).
    clientBasedCORS: () => true,
    // Refresh tokens for every client allowed the grant (GoTrue's OAuth server issues them without offline_access).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: { ...OIDC_TTL },
    // The typings only model introspection together with rich authorization requests; the runtime takes it alone.
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // Confidential clients may introspect any token; public ones only their own. Clients revoke only their own.
      introspection: { enabled: true, allowedPolicy: async (_ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string }) => client.clientAuthMethod !== 'none' || token.clientId === client.clientId },
      revocation: { enabled: true, allowedPolicy: async (_ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string }) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      pushedAuthorizationRequests: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.host);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(ctx.oidc.client?.clientName);
        },
      },
      resourceIndicators: {
        enabled: true,
        // Client credentials default to Trestle's API; a sign-in without `resource` gets a userinfo token.
        defaultResource: async (ctx: KoaContextWithOIDC, _client: unknown, oneOf?: string) => oneOf ?? (ctx.oidc.params?.grant_type === 'client_credentials' ? ctx.oidc.issuer : undefined),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx: KoaContextWithOIDC, resource: string) => resourceServer(ctx, resource),
      },
    } as Configuration['features'],
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'AccessToken' && token.kind !== 'ClientCredentials') return undefined;
      if (token.resourceServer?.audience !== API_AUDIENCE) return undefined;
      // The role the data API acts as: the user's (as in GoTrue's tokens), or anon for a machine client.
      return { role: token.kind === 'AccessToken' ? 'authenticated' : 'anon' };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  };
}
