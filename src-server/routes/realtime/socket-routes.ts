// The two WebSockets: /realtime/v1/websocket (Phoenix channels, as @supabase/realtime-js speaks them) and /realtime
// (Trestle's first JSON protocol, also the dashboard's live feed). Credentials are checked before the upgrade, so a
// bad or missing key is a plain 401 rather than a socket that closes; a cookie-authenticated upgrade from another
// origin is refused by the auth hook (dashboard access).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import type { RealtimeHub } from '../../realtime/hub.js';
import { connectionIdentity } from '../../realtime/identity.js';
import type { Vsn } from '../../realtime/phoenix/serializer.js';
import { sessionHash } from '../../services/sessions.js';
import { SocketQuery } from './schemas.js';

export function socketInfo(request: FastifyRequest) {
  const auth = request.auth;
  if (auth.kind === 'session') {
    const token = request.cookies?.[SESSION_COOKIE];
    return { via: 'dashboard' as const, keyPrefix: null, sessionHash: token ? sessionHash(token) : undefined };
  }
  return { via: auth.kind === 'key' && auth.jwt ? 'jwt' as const : 'api_key' as const, keyPrefix: auth.kind === 'key' ? auth.key.key_prefix : null };
}

export function socketRoutes(app: FastifyInstance, hub: RealtimeHub): void {
  app.get('/realtime/v1/websocket', { websocket: true, config: { access: 'client' }, schema: { querystring: SocketQuery } }, (socket, request) => {
    const vsn = ((request.query as { vsn?: Vsn }).vsn ?? '1.0.0');
    hub.attachPhoenix(socket, connectionIdentity(request.auth), vsn, socketInfo(request));
  });

  // Apps connect with a key (apikey query parameter or header), the dashboard with its session cookie.
  app.get('/realtime', { websocket: true, config: { access: ['client', 'dashboard'] } }, (socket, request) => {
    hub.attachLegacy(socket, connectionIdentity(request.auth), socketInfo(request));
  });
}
