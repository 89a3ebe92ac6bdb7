// The gateway's request hook, right after the auth hook on every route: client-facing routes and the upstream
// mounts are checked against the user rules in force (the auth hook has already enforced each route's own access
// level, so rules can only restrict). The rules themselves are managed by the gateway module (routes/gateway).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { CompiledRule } from '../gateway/compile.js';
import { callerOf, evaluate } from '../gateway/evaluate.js';
import { routePath, type RoutePath } from '../gateway/route-path.js';
import { routeKind } from '../gateway/route-table.js';
import { GatewayRuntime } from '../gateway/runtime.js';
import { accessLevels } from './auth.js';

/** What the gateway needs to know about a route, worked out on its first request. */
interface RouteGate {
  path: RoutePath;
  upstreamMount: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    gateway: GatewayRuntime;
  }
  interface FastifyRequest {
    /** On an upstream mount: the rule whose upstream the request goes to (null: none matched). */
    gatewayUpstream: CompiledRule | null;
  }
}

export default fp(async function gatewayPlugin(app: FastifyInstance) {
  const runtime = new GatewayRuntime();
  app.decorate('gateway', runtime);
  app.decorateRequest('gatewayUpstream', null);
  const gates = new WeakMap<object, RouteGate | null>();

  function gateOf(request: FastifyRequest): RouteGate | null {
    const { config, url } = request.routeOptions;
    let gate = gates.get(config);
    if (gate === undefined) {
      const kind = url === undefined || config.corsMethods ? 'protected' : routeKind(url, accessLevels(config));
      gate = kind === 'client' || kind === 'upstream' ? { path: routePath(url!), upstreamMount: kind === 'upstream' } : null;
      gates.set(config, gate);
    }
    return gate;
  }

  /** The user rules' verdict on a request: an error to answer with, or nothing. */
  function check(request: FastifyRequest): Error | undefined {
    // The dashboard (session) is never subject to user rules: they govern what apps may call.
    if (request.auth.kind === 'session') return undefined;
    const compiled = runtime.compiled;
    const gate = gateOf(request);
    if (gate === null || (compiled.empty && !gate.upstreamMount)) return undefined;
    const verdict = evaluate(compiled, {
      method: request.method, paths: gate.path.paths(request.params as Record<string, string | undefined>),
      caller: callerOf(request.auth), upstreamMount: gate.upstreamMount,
    });
    if (!verdict.allowed) return verdict.error;
    if (verdict.rule) runtime.count(verdict.rule, request);
    if (gate.upstreamMount) request.gatewayUpstream = verdict.upstream;
    return undefined;
  }

  // A callback hook like the others on the request path (no promise per request).
  app.addHook('onRequest', (request, _reply, done) => {
    let error: Error | undefined;
    try {
      error = check(request);
    } catch (err) {
      error = err as Error;
    }
    done(error);
  });
}, { name: 'trestle-gateway', dependencies: ['trestle-auth'] });
