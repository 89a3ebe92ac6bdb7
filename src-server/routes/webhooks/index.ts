// Webhooks: /api/webhooks for the dashboard, /v1/webhooks (read-only, service_role) for the management API.
// The plugin owns the delivery worker: started here, woken by NOTIFY, stopped at shutdown.
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { actorOf } from '../../plugins/auth.js';
import { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from '../../webhooks/options.js';
import { DeliveryWorker } from '../../webhooks/worker.js';
import {
  CancelPendingResponse, CreateWebhookBody, LogList, LogParams, LogsQuery, SendResultSchema, UpdateWebhookBody, WebhookDetail, WebhookIdParams,
  WebhookList, WebhookResponse,
} from './schemas.js';
import { WebhooksService, type WebhookInput } from './webhooks-service.js';

export const WEBHOOK_CHANNEL = 'trestle_webhooks';

export function createWebhooksPlugin(overrides: Partial<DeliveryOptions> = {}): FastifyPluginAsync {
  const options: DeliveryOptions = { ...DEFAULT_DELIVERY_OPTIONS, ...overrides };
  return async function webhooksRoutes(app: FastifyInstance) {
    const ctx = app.trestle;
    const worker = new DeliveryWorker({
      control: ctx.databases.control, databaseFor: (name) => ctx.databases.get(name), log: ctx.log, options,
    });
    const service = new WebhooksService(ctx, worker, options);
    const unlisten = await ctx.listener.listen(WEBHOOK_CHANNEL, (id) => worker.kick(id));
    const offConnect = ctx.listener.onConnect(() => worker.kick());
    await worker.start();
    ctx.onShutdown(async () => {
      unlisten();
      offConnect();
      await worker.stop();
    });

    const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });
    const v1 = { access: 'service_role' as const };
    const dashboard = { access: 'dashboard' as const };

    app.get('/v1/webhooks', { config: v1, schema: { response: { 200: WebhookList } } }, async () => ({ webhooks: await service.list() }));
    app.get('/v1/webhooks/:id', { config: v1, schema: { params: WebhookIdParams, response: { 200: WebhookDetail } } },
      async (request) => service.detail((request.params as { id: string }).id));

    app.get('/api/webhooks', { config: dashboard, schema: { response: { 200: WebhookList } } }, async () => ({ webhooks: await service.list() }));
    app.get('/api/webhooks/:id', { config: dashboard, schema: { params: WebhookIdParams, response: { 200: WebhookDetail } } },
      async (request) => service.detail((request.params as { id: string }).id));

    app.post('/api/webhooks', { config: dashboard, schema: { body: CreateWebhookBody, response: { 201: WebhookResponse } } }, async (request, reply) => {
      const webhook = await service.create(who(request), (request.body ?? {}) as WebhookInput);
      return reply.code(201).send({ webhook });
    });

    app.patch('/api/webhooks/:id', { config: dashboard, schema: { params: WebhookIdParams, body: UpdateWebhookBody, response: { 200: WebhookResponse } } },
      async (request) => ({ webhook: await service.update(who(request), (request.params as { id: string }).id, request.body as WebhookInput) }));

    app.delete('/api/webhooks/:id', { config: dashboard, schema: { params: WebhookIdParams, response: { 200: WebhookResponse } } },
      async (request) => ({ webhook: await service.remove(who(request), (request.params as { id: string }).id) }));

    app.get('/api/webhooks/:id/logs', { config: dashboard, schema: { params: WebhookIdParams, querystring: LogsQuery, response: { 200: LogList } } },
      async (request) => ({ logs: await service.logs((request.params as { id: string }).id, request.query as { limit?: number; before?: number; outcome?: 'success' | 'failure' }) }));

    app.post('/api/webhooks/:id/test', { config: dashboard, schema: { params: WebhookIdParams, response: { 200: SendResultSchema } } },
      async (request) => service.test(who(request), (request.params as { id: string }).id));

    app.post('/api/webhooks/:id/cancel-pending', { config: dashboard, schema: { params: WebhookIdParams, response: { 200: CancelPendingResponse } } },
      async (request) => service.cancelPending(who(request), (request.params as { id: string }).id));

    app.post('/api/webhooks/:id/replay/:logId', { config: dashboard, schema: { params: LogParams, response: { 200: SendResultSchema } } }, async (request) => {
      const { id, logId } = request.params as { id: string; logId: number };
      return service.replay(who(request), id, logId);
    });
  };
}

export default createWebhooksPlugin();
