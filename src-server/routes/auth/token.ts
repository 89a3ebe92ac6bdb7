// POST /auth/v1/token?grant_type=password|refresh_token|pkce
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { authError } from '../../auth/errors.js';
import { passwordGrant, pkceGrant, refreshGrant } from '../../auth/flows/token.js';
import type { AuthModule } from '../../auth/module.js';
import { clientInfo, withoutNulls } from './caller.js';
import { TokenBody, TokenQuery } from './schemas.js';

export function tokenRoutes(app: FastifyInstance, mod: AuthModule) {
  app.post('/token', { config: { access: 'client' }, schema: { body: TokenBody, querystring: TokenQuery } }, async (request) => {
    const body = withoutNulls(request.body as Static<typeof TokenBody>);
    const client = clientInfo(request);
    switch ((request.query as Static<typeof TokenQuery>).grant_type) {
      case 'password': return passwordGrant(mod, body, client);
      case 'refresh_token': return refreshGrant(mod, body.refresh_token, client);
      case 'pkce': return pkceGrant(mod, body, client);
      default: throw authError('invalid_credentials', 'unsupported_grant_type');
    }
  });
}
