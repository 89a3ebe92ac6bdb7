// The realtime page's API under /api/realtime (status, published tables, live log, open sockets and their channels,
// add/remove a table) and the management API's read-only /v1/realtime.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../plugins/auth.js';
import type { RealtimeHub } from '../../realtime/hub.js';
import type { RealtimeService } from './realtime-service.js';
import { ConnectionList, EventList, StatusSchema, SubscribeBody, SubscriptionList, SubscriptionResponse, V1Realtime } from './schemas.js';

export function dashboardRoutes(app: FastifyInstance, hub: RealtimeHub, service: RealtimeService): void {
  const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });
  const target = (request: FastifyRequest) => {
    const body = (request.body ?? {}) as { schema?: string; table: string };
    return [body.schema ?? 'public', body.table] as const;
  };
  const dashboard = { access: 'dashboard' as const };

  app.get('/v1/realtime', { config: { access: 'service_role' }, schema: { response: { 200: V1Realtime } } },
    async () => ({ status: hub.status(), subscriptions: await service.list() }));

  app.get('/api/realtime/status', { config: dashboard, schema: { response: { 200: StatusSchema } } }, async () => hub.status());
  app.get('/api/realtime/subscriptions', { config: dashboard, schema: { response: { 200: SubscriptionList } } }, async () => ({ subscriptions: await service.list() }));
  app.get('/api/realtime/events', { config: dashboard, schema: { response: { 200: EventList } } }, async () => ({ events: hub.events }));
  app.get('/api/realtime/connections', { config: dashboard, schema: { response: { 200: ConnectionList } } }, async () => ({ connections: hub.connectionList() }));

  app.post('/api/realtime/subscribe', { config: dashboard, schema: { body: SubscribeBody, response: { 201: SubscriptionResponse } } }, async (request, reply) => {
    const [schema, table] = target(request);
    return reply.code(201).send({ subscription: await service.subscribe(who(request), schema, table) });
  });

  app.delete('/api/realtime/subscribe', { config: dashboard, schema: { body: SubscribeBody, response: { 200: SubscriptionResponse } } }, async (request) => {
    const [schema, table] = target(request);
    return { subscription: await service.unsubscribe(who(request), schema, table) };
  });
}
