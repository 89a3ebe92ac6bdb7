// GoTrue features Trestle leaves out answer GoTrue's "disabled" errors (as a GoTrue without them configured does),
// not a 404 for an unknown route: SAML SSO and manual identity linking.
import type { FastifyInstance } from 'fastify';
import { authError } from '../../auth/errors.js';

export function disabledRoutes(app: FastifyInstance) {
  const config = { access: 'client' as const };
  app.post('/sso', { config }, async () => {
    throw authError('saml_provider_disabled');
  });
  app.get('/user/identities/authorize', { config }, async () => {
    throw authError('manual_linking_disabled');
  });
  app.delete('/user/identities/:identityId', { config }, async () => {
    throw authError('manual_linking_disabled');
  });
}
