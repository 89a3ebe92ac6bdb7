// OAuth clients and signing keys, served at /v1/oauth2 (management API, service_role) and /api/oauth2 (dashboard) by
// the same handlers. Every change is audited in the same transaction.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { actorOf, type Access } from '../../plugins/auth.js';
import { audited } from '../../services/audit.js';
import type { OidcService } from '../../oidc/service.js';
import type { CreatedOAuth2Client, OAuth2Client } from '../../oidc/wire-types.js';
import { issuerOf } from './issuer.js';
import { ClientIdParams, ClientList, CreateClientBody, CreatedClient, DeletedClient, Overview } from './schemas.js';

export function clientRoutes(app: FastifyInstance, oidc: OidcService) {
  const ctx = app.trestle;
  const db = ctx.databases.control;
  const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });

  for (const base of ['/v1/oauth2', '/api/oauth2']) {
    const config: { access: Access } = { access: base.startsWith('/v1') ? 'service_role' : 'dashboard' };

    app.get(`${base}/clients`, { config, schema: { response: { 200: ClientList } } }, async () => ({ clients: await oidc.clients.list() }));

    app.post(`${base}/clients`, { config, schema: { body: CreateClientBody, response: { 201: CreatedClient } } }, async (request, reply) => {
      const body = request.body as Static<typeof CreateClientBody>;
      const created = await audited(db, ctx.audit, who(request),
        (c: CreatedOAuth2Client) => ({
          action: 'oauth2.client.create', resourceType: 'oauth2_client', resourceId: c.client.client_id,
          detail: { name: c.client.name, client_type: c.client.client_type, redirect_uris: c.client.redirect_uris, grant_types: c.client.grant_types },
        }),
        (tx) => oidc.createClient(body, tx, issuerOf(request)));
      return reply.code(201).send(created);
    });

    app.delete(`${base}/clients/:id`, { config, schema: { params: ClientIdParams, response: { 200: DeletedClient } } }, async (request) => {
      const { id } = request.params as Static<typeof ClientIdParams>;
      const { client, revoked } = await audited(db, ctx.audit, who(request),
        (r: { client: OAuth2Client; revoked: number }) => ({
          action: 'oauth2.client.delete', resourceType: 'oauth2_client', resourceId: r.client.client_id, detail: { name: r.client.name, revoked_tokens: r.revoked },
        }),
        (tx) => oidc.clients.delete(id, tx));
      return { client, revoked_tokens: revoked };
    });

    app.get(base, { config, schema: { response: { 200: Overview } } }, async (request) => oidc.overview(issuerOf(request)));

    app.post(`${base}/keys/rotate`, { config, schema: { response: { 200: Overview } } }, async (request) => {
      await audited(db, ctx.audit, who(request), (kid: string) => ({ action: 'oauth2.keys.rotate', resourceType: 'oauth2_signing_key', resourceId: kid }),
        (tx) => oidc.keys.rotate(tx));
      // The previous key stays published until the tokens it signed expired.
      await oidc.keysChanged();
      return oidc.overview(issuerOf(request));
    });
  }
}
