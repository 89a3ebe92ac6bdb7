// Realtime: subscription management under /api/realtime, status at /v1/realtime, and the WebSocket at /realtime
// (auth: apikey query parameter or header, or the dashboard session cookie; anon keys see only rows RLS lets them).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../plugins/auth.js';
import { RealtimeHub, type ClientRole } from '../../realtime/hub.js';
import { RealtimeService } from './realtime-service.js';
import { EventList, StatusSchema, SubscribeBody, SubscriptionList, SubscriptionResponse, V1Realtime } from './schemas.js';

export default async function realtimeRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const hub = new RealtimeHub(ctx);
  const service = new RealtimeService(ctx, hub);
  await hub.start();
  ctx.onShutdown(() => hub.stop());

  const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });
  const target = (request: FastifyRequest) => {
    const body = (request.body ?? {}) as { schema?: string; table: string };
    return [body.schema ?? 'public', body.table] as const;
  };

  app.get('/realtime', {
    websocket: true,
    // Apps connect with a key (apikey query parameter or header), the dashboard with its session cookie. Checked
    // before the upgrade, so a bad key is a plain 401 response rather than a socket that closes.
    config: { access: ['client', 'dashboard'] },
  }, (socket, request) => {
    const auth = request.auth;
    const role: ClientRole = auth.kind === 'key' && auth.role !== 'service_role' ? 'anon' : 'service_role';
    hub.attach(socket, role);
  });

  app.get('/v1/realtime', { config: { access: 'service_role' }, schema: { response: { 200: V1Realtime } } },
    async () => ({ status: hub.status(), subscriptions: await service.list() }));

  app.get('/api/realtime/status', { config: { access: 'dashboard' }, schema: { response: { 200: StatusSchema } } }, async () => hub.status());
  app.get('/api/realtime/subscriptions', { config: { access: 'dashboard' }, schema: { response: { 200: SubscriptionList } } }, async () => ({ subscriptions: await service.list() }));
  app.get('/api/realtime/events', { config: { access: 'dashboard' }, schema: { response: { 200: EventList } } }, async () => ({ events: hub.events }));

  app.post('/api/realtime/subscribe', { config: { access: 'dashboard' }, schema: { body: SubscribeBody, response: { 201: SubscriptionResponse } } }, async (request, reply) => {
    const [schema, table] = target(request);
    return reply.code(201).send({ subscription: await service.subscribe(who(request), schema, table) });
  });

  app.delete('/api/realtime/subscribe', { config: { access: 'dashboard' }, schema: { body: SubscribeBody, response: { 200: SubscriptionResponse } } }, async (request) => {
    const [schema, table] = target(request);
    return { subscription: await service.unsubscribe(who(request), schema, table) };
  });
}
