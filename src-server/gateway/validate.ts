// A rule as the caller wrote it → a rule the gateway can enforce, or a 400 that says which field is wrong.
// What user rules may do: restrict client-facing routes (the data API, /auth/v1, /storage/v1, /realtime/v1…) and
// route paths under an upstream mount to a local service. They never touch management or dashboard routes, and
// only an upstream rule may accept callers without credentials (built-in routes keep the key they require).
import { gatewayErrors } from './errors.js';
import { compileGlob, sampleOf } from './glob.js';
import { mountOf, UPSTREAM_MOUNTS, type RouteTable } from './route-table.js';
import type { Authorize, CallerKind, GatewayRule, RateLimit, RoleName, RuleInput, RuleMethod } from './types.js';

export type RuleFields = Pick<GatewayRule, 'description' | 'match' | 'authenticate' | 'authorize' | 'rate_limit' | 'upstream' | 'enabled'>;

const METHODS: readonly RuleMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const CALLER_KINDS: readonly CallerKind[] = ['api_key', 'jwt', 'anonymous'];
const ROLES: readonly RoleName[] = ['anon', 'authenticated', 'service_role'];
const MAX_RATE = 1_000_000;
const invalid = gatewayErrors.invalidRule;

function methodsOf(input: string[] | undefined): RuleMethod[] {
  const list = (input ?? []).map((m) => m.toUpperCase());
  if (list.includes('*')) return [];
  const unknown = list.filter((m) => !METHODS.includes(m as RuleMethod));
  if (unknown.length) throw invalid('match.methods', `Unknown method ${unknown[0].slice(0, 20)}: use ${METHODS.join(', ')} or * (an empty list means every method)`);
  return [...new Set(list as RuleMethod[])];
}

function authenticateOf(input: string[] | undefined): CallerKind[] {
  const list = input ?? ['api_key'];
  if (list.length === 0) throw invalid('authenticate', 'authenticate needs at least one of api_key, jwt, anonymous');
  const unknown = list.filter((k) => !CALLER_KINDS.includes(k as CallerKind));
  if (unknown.length) throw invalid('authenticate', `Unknown authentication ${unknown[0].slice(0, 40)}: use api_key, jwt or anonymous`);
  return [...new Set(list as CallerKind[])];
}

function authorizeOf(input: RuleInput['authorize']): Authorize {
  if (!input) throw invalid('authorize', 'authorize is required: {"allow": true}, {"deny": true} or {"roles": [...]}');
  const given = (['allow', 'deny', 'roles'] as const).filter((k) => input[k] !== undefined && input[k] !== false);
  if (given.length !== 1) throw invalid('authorize', 'authorize takes exactly one of allow: true, deny: true or roles: [...]');
  if (given[0] === 'allow') return { allow: true };
  if (given[0] === 'deny') return { deny: true };
  const roles = input.roles!;
  if (roles.length === 0) throw invalid('authorize.roles', 'roles needs at least one role (use deny: true to refuse everyone)');
  const unknown = roles.filter((r) => !ROLES.includes(r as RoleName));
  if (unknown.length) throw invalid('authorize.roles', `Unknown role ${unknown[0].slice(0, 40)}: roles are ${ROLES.join(', ')}`);
  return { roles: [...new Set(roles as RoleName[])] };
}

function rateLimitOf(input: RuleInput['rate_limit']): RateLimit | null {
  if (input === undefined || input === null) return null;
  const n = input.requests_per_minute;
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > MAX_RATE) {
    throw invalid('rate_limit.requests_per_minute', `rate_limit.requests_per_minute must be a whole number from 1 to ${MAX_RATE}`);
  }
  const scope = input.scope ?? 'caller';
  if (scope !== 'caller' && scope !== 'rule') throw invalid('rate_limit.scope', 'rate_limit.scope is caller (each caller its own budget) or rule (one budget)');
  return { requests_per_minute: n, scope };
}

function upstreamOf(input: string | null | undefined): string | null {
  if (input === undefined || input === null || input === '') return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw invalid('upstream', `upstream is not a URL: ${input.slice(0, 200)}`, 'Write it as http://127.0.0.1:9000');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('upstream', `upstream must be an http:// or https:// URL, not ${url.protocol}`);
  if (!url.hostname) throw invalid('upstream', 'upstream needs a host');
  if (url.username || url.password) throw invalid('upstream', 'upstream may not carry credentials');
  if (url.search || url.hash || input.includes('?') || input.includes('#')) throw invalid('upstream', 'upstream may not have a query string or fragment');
  return url.toString().replace(/\/$/, '');
}

/** Fields of a new rule, or of an existing one with `patch` applied; checked against the server's routes. */
export function validateRule(input: RuleInput, routes: RouteTable, existing?: RuleFields): RuleFields {
  const has = (k: keyof RuleInput) => Object.prototype.hasOwnProperty.call(input, k);
  const path = input.match?.path ?? existing?.match.path;
  if (path === undefined) throw invalid('match.path', 'match.path is required (a glob such as /v1/db/orders or /functions/v1/**)');
  const glob = compileGlob(path);
  if (!glob.ok) throw invalid('match.path', `match.path is not a valid glob: ${glob.error}`);
  const methods = input.match?.methods !== undefined ? methodsOf(input.match.methods) : existing?.match.methods ?? [];
  const upstream = has('upstream') ? upstreamOf(input.upstream) : existing?.upstream ?? null;
  const authenticate = input.authenticate !== undefined ? authenticateOf(input.authenticate) : (existing?.authenticate as CallerKind[] | undefined) ?? authenticateOf(undefined);
  const authorize = input.authorize !== undefined ? authorizeOf(input.authorize) : existing?.authorize ?? authorizeOf(undefined);
  const rateLimit = has('rate_limit') ? rateLimitOf(input.rate_limit) : existing?.rate_limit ?? null;
  const description = input.description ?? existing?.description ?? '';
  if (description.length > 500) throw invalid('description', 'description is at most 500 characters');

  const mount = mountOf(glob.base);
  if (upstream && !mount) {
    throw invalid('upstream', `An upstream rule routes a path under ${UPSTREAM_MOUNTS.join(' or ')}; ${path.slice(0, 200)} is not under one`,
      'Write the path as /functions/v1/** (or /functions/v1/my-function/**)');
  }
  if (authenticate.includes('anonymous') && !upstream) {
    throw invalid('authenticate', 'Only an upstream rule may accept anonymous callers: built-in routes keep the API key they require',
      'Remove anonymous, or give the rule an upstream');
  }
  const covers = routes.coverage(glob.regex, glob.base, sampleOf(path), methods);
  if (covers.protected.length) {
    throw invalid('match.path', `${path.slice(0, 200)} covers management or dashboard routes, which rules may not govern: ${covers.protected.slice(0, 5).join(', ')}`,
      'Narrow the glob to client-facing paths such as /v1/db/**, /rest/v1/**, /storage/v1/** or /functions/v1/**');
  }
  if (covers.public.length && !covers.client.length && !covers.upstream.length && !mount) {
    throw invalid('match.path', `${path.slice(0, 200)} only covers public routes, which stay open to everyone: ${covers.public.slice(0, 5).join(', ')}`,
      'Rules govern client-facing routes (an API key at least); protect public files by making their bucket private');
  }
  return {
    description, match: { methods, path }, authenticate, authorize, rate_limit: rateLimit, upstream,
    enabled: input.enabled ?? existing?.enabled ?? true,
  };
}
