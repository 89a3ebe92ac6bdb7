// The gateway module: rules and health under /v1/gateway (service_role) and /api/gateway (dashboard), the tester,
// and the upstream mounts. The request hook that enforces the rules is plugins/gateway.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RouteTable } from '../../gateway/route-table.js';
import type { RuleInput, TestRequest } from '../../gateway/types.js';
import { actorOf } from '../../plugins/auth.js';
import { GatewayService } from './gateway-service.js';
import { CreateRuleBody, HealthSchema, RuleIdParams, RuleList, RuleResponse, TestBody, TestResultSchema, UpdateRuleBody } from './schemas.js';
import upstreamRoutes from './upstream-routes.js';
import { startBeforeReady } from '../module-start.js';

export const GATEWAY_CHANNEL = 'trestle_gateway';

export default async function gatewayRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  // The route table is complete once the server is ready; every use comes after that.
  let table: RouteTable | undefined;
  const routes = () => (table ??= new RouteTable(app.routeAccess()));
  const service = new GatewayService(ctx, app.gateway, routes, app.log);
  startBeforeReady(app, service.reload());
  // Rules changed by SQL (or missed while the LISTEN connection was down) are picked up too.
  const unlisten = await ctx.listener.listen(GATEWAY_CHANNEL, () => void service.reload().catch(() => undefined));
  const offConnect = ctx.listener.onConnect(() => void service.reload().catch(() => undefined));
  ctx.onShutdown(() => {
    unlisten();
    offConnect();
  });

  const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  for (const [prefix, access] of [['/v1/gateway', 'service_role'], ['/api/gateway', 'dashboard']] as const) {
    const config = { access };
    app.get(`${prefix}/rules`, { config, schema: { response: { 200: RuleList } } }, async () => ({ rules: await service.list() }));
    app.get(`${prefix}/rules/:id`, { config, schema: { params: RuleIdParams, response: { 200: RuleResponse } } },
      async (request) => ({ rule: await service.get(idOf(request)) }));
    app.post(`${prefix}/rules`, { config, schema: { body: CreateRuleBody, response: { 201: RuleResponse } } }, async (request, reply) => {
      const rule = await service.create(who(request), (request.body ?? {}) as RuleInput);
      return reply.code(201).send({ rule });
    });
    app.patch(`${prefix}/rules/:id`, { config, schema: { params: RuleIdParams, body: UpdateRuleBody, response: { 200: RuleResponse } } },
      async (request) => ({ rule: await service.update(who(request), idOf(request), request.body as RuleInput) }));
    app.delete(`${prefix}/rules/:id`, { config, schema: { params: RuleIdParams, response: { 200: RuleResponse } } },
      async (request) => ({ rule: await service.remove(who(request), idOf(request)) }));
    app.post(`${prefix}/test`, { config, schema: { body: TestBody, response: { 200: TestResultSchema } } },
      async (request) => service.test(request.body as TestRequest));
    app.get(`${prefix}/health`, { config, schema: { response: { 200: HealthSchema } } }, async () => service.health());
  }

  await app.register(upstreamRoutes);
}
