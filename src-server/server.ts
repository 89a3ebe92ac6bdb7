// buildServer: the Fastify instance with every plugin and route area registered, not yet listening.
import crypto from 'node:crypto';
import { http } from './node-http.js';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import type { TrestleContext } from './context.js';
import { redactUrl } from './security/redact.js';
import { MODULE_CATALOG, moduleStates, registerModules, type ModulePlugins } from './modules.js';
import authPlugin from './plugins/auth.js';
import bodyParsers from './plugins/body-parsers.js';
import corsPlugin from './plugins/cors.js';
import { guardConnections } from './plugins/connection-guard.js';
import errorsPlugin from './plugins/errors.js';
import gatewayPlugin from './plugins/gateway.js';
import { lazyCompilersFactory } from './plugins/lazy-schema-compilers.js';
import hostCheck from './plugins/host-check.js';
import { ROUTER_OPTIONS } from './plugins/router-options.js';
import backupsRoutes from './routes/backups/index.js';
import branchesRoutes from './routes/branches/index.js';
import connectRoutes from './routes/connect/index.js';
import dashboardRoutes from './routes/dashboard/index.js';
import eventsRoutes from './routes/events/index.js';
import logsRoutes from './routes/logs/index.js';
import requestLogPlugin from './plugins/request-log.js';
import healthRoutes from './routes/health/index.js';
import keysRoutes from './routes/keys/index.js';
import restRoutes from './routes/rest/index.js';
import auditRoutes from './routes/audit/index.js';
import databaseRoutes from './routes/database/index.js';
import metricsRoutes from './routes/metrics/index.js';
import migrationsRoutes from './routes/migrations/index.js';
import openapiRoutes from './routes/openapi/index.js';
import projectsRoutes from './routes/projects/index.js';
import metricsPlugin from './plugins/metrics.js';
import openapiPlugin from './plugins/openapi.js';
import sessionRoutes from './routes/session/index.js';
import sqlStudioRoutes from './routes/sql-studio/index.js';
import statusRoutes from './routes/status/index.js';
import webhooksRoutes from './routes/webhooks/index.js';
import typegenRoutes from './routes/typegen/index.js';
import advisorsRoutes from './routes/advisors/index.js';
import gatewayRoutes from './routes/gateway/index.js';
import realtimeRoutes from './routes/realtime/index.js';
import authRoutes from './routes/auth/index.js';
import storageRoutes from './routes/storage/index.js';
import oauth2Routes from './routes/oauth2/index.js';

/** The built modules. An area not listed here answers 501 and /v1/modules says it is unavailable. */
export const MODULE_PLUGINS: ModulePlugins = {
  platform: statusRoutes,
  keys: keysRoutes,
  rest: restRoutes,
  metrics: metricsRoutes,
  audit: auditRoutes,
  projects: projectsRoutes,
  database: databaseRoutes,
  branches: branchesRoutes,
  backups: backupsRoutes,
  webhooks: webhooksRoutes,
  realtime: realtimeRoutes,
  storage: storageRoutes,
  'sql-studio': sqlStudioRoutes,
  auth: authRoutes,
  migrations: migrationsRoutes,
  types: typegenRoutes,
  advisors: advisorsRoutes,
  gateway: gatewayRoutes,
  oauth2: oauth2Routes,
};

/** Routes that belong to no module: they are the shell itself. */
const SHELL_ROUTES: FastifyPluginAsync[] = [healthRoutes, sessionRoutes, connectRoutes, openapiRoutes, eventsRoutes, logsRoutes];

const REQUEST_ID = /^[\w.:-]{1,64}$/;
/** Time a client has to send a request's headers (slowloris). */
const HEADERS_TIMEOUT_MS = 15_000;
/** Requests slower than this are logged (as warnings) even when per-request logging is off. */
const SLOW_REQUEST_MS = 1_000;

export async function buildServer(ctx: TrestleContext, plugins: ModulePlugins = MODULE_PLUGINS): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimit,
    // Slow clients are bounded by the socket's inactivity (connectionTimeout) and the time to send headers; a whole
    // request has no deadline (a 2 GB upload on a slow link is legitimate).
    requestTimeout: 0,
    connectionTimeout: 60_000,
    serverFactory: (handler) => {
      const server = http.createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: 0, connectionsCheckingInterval: 1_000 }, handler);
      guardConnections(server);
      return server;
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: false,
    // One line per request at most, written below (never the raw URL: it may carry keys or tokens).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    },
    routerOptions: { ...ROUTER_OPTIONS },
    schemaController: { compilersFactory: lazyCompilersFactory() },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  });
  ctx.modules = moduleStates(plugins, MODULE_CATALOG);
  app.decorate('trestle', ctx);
  // The per-request hooks are callback hooks (no promise, no microtask per hook); onRequest runs, in order: this one,
  // host check, cookies, WebSocket marking, CORS, auth, gateway rules (plugins/*). Headers set here stay on error answers too.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    const slow = ms >= SLOW_REQUEST_MS;
    if (ctx.config.logRequests || slow) {
      const line = { method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(ms) };
      if (slow) request.log.warn(line, 'slow request');
      else request.log.info(line, 'request');
    }
    done();
  });

  await app.register(errorsPlugin);
  await app.register(bodyParsers);
  await app.register(hostCheck, { allowedHosts: ctx.config.allowedHosts });
  await app.register(fastifyCookie);
  // Before the auth hook: the plugin's own onRequest hook must mark upgrade requests, so that a refused upgrade
  // (401 from the auth hook) still has its socket closed.
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  // CORS first: a browser must be able to read a 401 from the auth hook.
  await app.register(corsPlugin);
  await app.register(authPlugin);
  // Right after the auth hook: user rules restrict what the route's access level let through.
  await app.register(gatewayPlugin);
  await app.register(metricsPlugin);
  await app.register(requestLogPlugin);
  await app.register(openapiPlugin);

  for (const routes of SHELL_ROUTES) await app.register(routes);
  await registerModules(app, plugins);
  app.registerCorsPreflights();
  await app.register(dashboardRoutes, { rendererDir: ctx.config.rendererDir });
  return app as unknown as FastifyInstance;
}
