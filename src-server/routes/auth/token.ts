// POST /auth/v1/token?grant_type=password|refresh_token|pkce (id_token and web3 answer GoTrue's disabled-provider errors)
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { authError } from '../../auth/errors.js';
import { passwordGrant, pkceGrant, refreshGrant } from '../../auth/flows/token.js';
import type { AuthModule } from '../../auth/module.js';
import { clientInfo, withoutNulls } from './caller.js';
import { TokenBody, TokenQuery } from './schemas.js';

// GoTrue names the provider by its OIDC issuer when it is one it knows
const ISSUERS: Record<string, string> = { google: 'https://accounts.google.com', apple: 'https://appleid.apple.com', facebook: 'https://www.facebook.com' };
const issuerOf = (provider: unknown) => (typeof provider === 'string' ? ISSUERS[provider] ?? provider : '');

export function tokenRoutes(app: FastifyInstance, mod: AuthModule) {
  app.post('/token', { config: { access: 'client' }, schema: { body: TokenBody, querystring: TokenQuery } }, async (request) => {
    const body = withoutNulls(request.body as Static<typeof TokenBody>);
    const client = clientInfo(request);
    switch ((request.query as Static<typeof TokenQuery>).grant_type) {
      case 'password': return passwordGrant(mod, body, client);
      case 'refresh_token': return refreshGrant(mod, body.refresh_token, client);
      case 'pkce': return pkceGrant(mod, body, client);
      case 'id_token': throw authError('provider_disabled', `Provider (issuer "${issuerOf((body as Record<string, unknown>).provider)}") is not enabled`);
      case 'web3': throw authError('web3_provider_disabled');
      default: throw authError('invalid_credentials', 'unsupported_grant_type');
    }
  });
}
