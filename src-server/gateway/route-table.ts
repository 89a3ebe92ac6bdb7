// The server's real route table seen by the gateway: which routes user rules govern (client-facing ones and the
// upstream mounts), the read-only system rules that describe every route's built-in access, and a router with the
// server's own options so the tester finds the route a request would reach.
import Router from 'find-my-way';
import type { Access } from '../plugins/auth.js';
import { ROUTER_OPTIONS } from '../plugins/router-options.js';
import { globOfRoute, routePath, type RoutePath } from './route-path.js';
import type { Authenticator, Authorize, GatewayRule, RuleMethod } from './types.js';

/** Path prefixes the gateway serves from upstream rules (reserved by the dashboard, owned by no module). */
export const UPSTREAM_MOUNTS = ['/functions/v1', '/graphql/v1'] as const;
/** Never governed by rules, whatever a glob says: the dashboard's API. */
const DASHBOARD_PREFIX = '/api';

export interface RouteEntry {
  method: string;
  url: string;
  access: Access[];
  websocket: boolean;
}

/** upstream: a mount; client: user rules apply; public: anyone, rules do not apply; protected: management or dashboard. */
export type RouteKind = 'upstream' | 'client' | 'public' | 'protected';

export function mountOf(path: string): string | null {
  return UPSTREAM_MOUNTS.find((m) => path === m || path.startsWith(m + '/')) ?? null;
}

export const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(prefix + '/');

export function routeKind(url: string, access: readonly Access[]): RouteKind {
  if (mountOf(url)) return 'upstream';
  if (access.includes('client')) return 'client';
  if (access.includes('public')) return 'public';
  return 'protected';
}

/** A concrete path for a route pattern (`:param` and `*` become `x`). */
const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, 'x').replace(/\*/g, 'x');

export const systemRuleId = (url: string, access: readonly Access[]) => `system:${access.join('+')}:${url}`;

const ALL_ROLES = ['anon', 'authenticated', 'service_role'] as const;

function describe(kind: RouteKind, access: Access[]): string {
  if (kind === 'upstream') return 'Upstream mount: forwarded by the first matching user rule with an upstream (404 without one); callers without credentials only where that rule accepts anonymous';
  const parts = access.map((level) => ({
    public: 'anyone, no credentials',
    client: 'any API key (anon or service_role), with an optional user JWT that sets the role',
    service_role: 'a service_role key (management API)',
    dashboard: 'the dashboard session (same origin) or a service_role key',
  })[level]);
  const rules = kind === 'client' ? 'user rules can restrict it' : 'user rules do not apply';
  return `${parts.join('; or ')} — ${rules}`;
}

const AUTHENTICATORS: Record<Access, Authenticator[]> = {
  public: ['anonymous'], client: ['api_key', 'jwt'], service_role: ['api_key'], dashboard: ['dashboard_session', 'api_key'],
};

function authenticators(access: Access[]): Authenticator[] {
  const out = new Set<Authenticator>();
  for (const level of access) {
    for (const kind of AUTHENTICATORS[level]) out.add(kind);
  }
  return [...out];
}

function authorization(access: Access[]): Authorize {
  if (access.includes('public')) return { allow: true };
  if (access.includes('client')) return { roles: [...ALL_ROLES] };
  return { roles: ['service_role'] };
}

export interface FoundRoute {
  entry: RouteEntry;
  params: Record<string, string | undefined>;
  kind: RouteKind;
  path: RoutePath;
}

export class RouteTable {
  private readonly router = Router({ ...ROUTER_OPTIONS });
  private readonly entries: RouteEntry[];
  private system?: GatewayRule[];

  constructor(entries: RouteEntry[]) {
    this.entries = entries.filter((e) => e.method !== 'OPTIONS');
    for (const entry of this.entries) {
      try {
        this.router.on(entry.method as Router.HTTPMethod, entry.url, () => undefined, entry);
      } catch {
        // A method registered twice for one URL (Fastify's own HEAD routes): the first one is what the server uses.
      }
    }
  }

  find(method: string, path: string): FoundRoute | null {
    const found = this.router.find(method as Router.HTTPMethod, path);
    if (!found) return null;
    const entry = found.store as RouteEntry;
    return { entry, params: found.params, kind: routeKind(entry.url, entry.access), path: routePath(entry.url) };
  }

  /**
   * The routes a rule's glob covers, by kind: those whose concrete path it matches, and those its literal part (or
   * an example path of it) leads to. Anything under /api counts as the dashboard's.
   */
  coverage(regex: RegExp, base: string, sample: string, methods: readonly string[]): Record<RouteKind, string[]> {
    const applies = (m: string) => methods.length === 0 || methods.includes(m) || (m === 'HEAD' && methods.includes('GET'));
    const hits: Record<RouteKind, Set<string>> = { upstream: new Set(), client: new Set(), public: new Set(), protected: new Set() };
    if (isUnder(base, DASHBOARD_PREFIX)) hits.protected.add(`${DASHBOARD_PREFIX}/* (the dashboard API)`);
    for (const e of this.entries) {
      if (applies(e.method) && regex.test(concrete(e.url))) hits[routeKind(e.url, e.access)].add(`${e.method} ${e.url}`);
    }
    for (const path of [base, sample]) {
      for (const m of methods.length ? methods : ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const found = this.find(m, path);
        if (found) hits[found.kind].add(`${m} ${found.entry.url}`);
      }
    }
    return { upstream: [...hits.upstream], client: [...hits.client], public: [...hits.public], protected: [...hits.protected] };
  }

  /** Every route's built-in access as a read-only rule (one per route pattern and access). */
  systemRules(): GatewayRule[] {
    this.system ??= this.deriveSystemRules();
    return this.system;
  }

  private deriveSystemRules(): GatewayRule[] {
    const groups = new Map<string, { url: string; access: Access[]; methods: Set<string> }>();
    for (const e of this.entries) {
      const key = systemRuleId(e.url, e.access);
      const group = groups.get(key) ?? { url: e.url, access: e.access, methods: new Set<string>() };
      group.methods.add(e.method);
      groups.set(key, group);
    }
    const rules = [...groups.entries()].map(([key, g]): GatewayRule => {
      if (g.methods.has('GET')) g.methods.delete('HEAD');
      const kind = routeKind(g.url, g.access);
      return {
        id: key, description: describe(kind, g.access),
        match: { methods: [...g.methods].sort() as RuleMethod[], path: globOfRoute(g.url) },
        authenticate: kind === 'upstream' ? ['anonymous', 'api_key', 'jwt'] : authenticators(g.access),
        authorize: kind === 'upstream' ? { allow: true } : authorization(g.access),
        rate_limit: null, upstream: null, enabled: true, system: true, position: null,
        route: { url: g.url, access: g.access }, created_at: null, updated_at: null,
      };
    });
    return rules.sort((a, b) => a.match.path.localeCompare(b.match.path) || a.id.localeCompare(b.id));
  }
}
