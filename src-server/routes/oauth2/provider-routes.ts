// oidc-provider's endpoints as declared Fastify routes (each with its access level), handed to the provider of the
// request's issuer. The provider reads request bodies itself, so this scope parses none; the path it sees is the
// routed one (canonical), whatever spelling the client used.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { OIDC_ROUTES } from '../../oidc/provider-config.js';
import type { OidcService } from '../../oidc/service.js';
import { issuerOf } from './issuer.js';

interface ProviderRoute {
  methods: HTTPMethods[];
  url: string;
  /** Browser apps call it cross-origin (fetch), rather than navigating to it. */
  cors: boolean;
  /** The provider's own path, when it differs from the route's. */
  target?: string;
}

const DISCOVERY = '/.well-known/openid-configuration';

export const PROVIDER_ROUTES: ProviderRoute[] = [
  { methods: ['GET'], url: DISCOVERY, cors: true },
  { methods: ['GET'], url: '/.well-known/oauth-authorization-server', cors: true },
  // The management API's copy of the discovery document (the same body).
  { methods: ['GET'], url: '/v1/oauth2/discovery', cors: true, target: DISCOVERY },
  { methods: ['GET'], url: OIDC_ROUTES.jwks, cors: true },
  { methods: ['GET'], url: OIDC_ROUTES.authorization, cors: false },
  { methods: ['GET'], url: `${OIDC_ROUTES.authorization}/:uid`, cors: false },
  { methods: ['POST'], url: OIDC_ROUTES.token, cors: true },
  { methods: ['GET', 'POST'], url: OIDC_ROUTES.userinfo, cors: true },
  { methods: ['POST'], url: OIDC_ROUTES.revocation, cors: true },
  { methods: ['POST'], url: OIDC_ROUTES.introspection, cors: true },
  { methods: ['GET'], url: OIDC_ROUTES.end_session, cors: false },
  { methods: ['POST'], url: `${OIDC_ROUTES.end_session}/confirm`, cors: false },
  { methods: ['GET'], url: `${OIDC_ROUTES.end_session}/success`, cors: false },
];

/** The provider's path for a routed request: the route's pattern with its parameter, and the original query. */
function providerUrl(route: ProviderRoute, request: FastifyRequest): string {
  const uid = (request.params as { uid?: string }).uid;
  const path = (route.target ?? route.url).replace(':uid', encodeURIComponent(uid ?? ''));
  const q = request.url.indexOf('?');
  return q === -1 ? path : path + request.url.slice(q);
}

export function providerRoutes(oidc: OidcService) {
  return async function mountProvider(scope: FastifyInstance) {
    // The provider parses bodies (and limits their size) itself: Fastify leaves the stream unread.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    const handle = async (route: ProviderRoute, request: FastifyRequest, reply: FastifyReply) => {
      const callback = await oidc.handlerFor(issuerOf(request));
      request.raw.url = providerUrl(route, request);
      // Headers Trestle's hooks set (request id, CORS) go out with the provider's response.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
      reply.raw.setHeader('x-request-id', request.id);
      reply.hijack();
      await callback(request.raw, reply.raw);
    };

    for (const route of PROVIDER_ROUTES) {
      scope.route({
        method: route.methods, url: route.url,
        config: { access: 'public', cors: route.cors },
        schema: { summary: 'OpenID Connect provider endpoint (oidc-provider)' },
        handler: (request, reply) => handle(route, request, reply),
      });
    }
  };
}
