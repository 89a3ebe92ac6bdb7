// Shapes of /api/oauth2, shared with the server (a type-only module with no imports).
export type {
  CreateOAuth2Client, CreatedOAuth2Client, OAuth2Client, OAuth2ClientType, OAuth2GrantType, OAuth2Overview, OAuth2SigningKey,
} from '../../../src-server/oidc/wire-types';
