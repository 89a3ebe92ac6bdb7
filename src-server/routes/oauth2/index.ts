// The OAuth2 / OpenID Connect module: oidc-provider's endpoints (discovery, authorize, token, userinfo, JWKS, end
// session, revocation, introspection), Trestle's login and consent pages, and client and key management.
import type { FastifyInstance } from 'fastify';
import { OidcService } from '../../oidc/service.js';
import { clientRoutes } from './client-routes.js';
import { interactionRoutes } from './interaction-routes.js';
import { providerRoutes } from './provider-routes.js';
import { startBeforeReady } from '../module-start.js';

export default async function oauth2Routes(app: FastifyInstance) {
  const oidc = new OidcService(app.trestle);
  startBeforeReady(app, oidc.start());
  app.addHook('onClose', async () => oidc.stop());
  await app.register(providerRoutes(oidc));
  await app.register(interactionRoutes(oidc));
  clientRoutes(app, oidc);
}
