// Who may call a path, by the user rules: the first enabled rule whose methods and path glob match decides
// (allow, deny, or a role list, after checking what the caller proved). On an upstream mount the request goes to
// the first matching rule with an upstream. Used by the request hook and by the dashboard's tester alike.
import type { ApiError } from '../errors.js';
import type { AuthInfo } from '../plugins/auth.js';
import type { VerifiedJwt } from '../security/jwt.js';
import { candidatesFor, type CompiledRule, type CompiledRules } from './compile.js';
import { gatewayErrors } from './errors.js';
import type { CallerKind, RoleName, TestStep } from './types.js';

export interface Caller {
  kind: CallerKind;
  /** The role the request acts as; a caller without credentials counts as anon. */
  role: RoleName;
}

export interface Facts {
  method: string;
  /** The route's path with its parameters (and its alias spelling): a rule matches when its glob matches any. */
  paths: string[];
  caller: Caller;
  /** The route is an upstream mount: the request needs an upstream rule to go anywhere. */
  upstreamMount: boolean;
}

export type Verdict =
  | { allowed: true; rule: CompiledRule | null; upstream: CompiledRule | null }
  | { allowed: false; rule: CompiledRule; error: ApiError };

const ANONYMOUS: Caller = { kind: 'anonymous', role: 'anon' };

export function callerOf(auth: AuthInfo): Caller {
  if (auth.kind === 'jwt') return { kind: 'jwt', role: auth.role };
  if (auth.kind !== 'key') return ANONYMOUS;
  return { kind: auth.jwt ? 'jwt' : 'api_key', role: auth.role };
}

/** The verified user JWT a request carries (with an API key or alone). */
export function jwtOf(auth: AuthInfo): VerifiedJwt | undefined {
  return auth.kind === 'key' || auth.kind === 'jwt' ? auth.jwt : undefined;
}

function pathMatches(rule: CompiledRule, paths: string[]): boolean {
  for (const p of paths) if (rule.regex.test(p)) return true;
  return false;
}

/** api_key: any credential Trestle verified (an API key, or a user JWT, which client routes accept alone); jwt: a user JWT. */
function satisfies(accepts: ReadonlySet<CallerKind>, kind: CallerKind): boolean {
  return accepts.has('anonymous') || (kind !== 'anonymous' && accepts.has('api_key')) || (kind === 'jwt' && accepts.has('jwt'));
}

function needs(accepts: ReadonlySet<CallerKind>): string {
  return accepts.has('api_key') ? 'an API key (apikey header) or a user JWT' : 'a signed-in user\'s JWT (Authorization: Bearer)';
}

/** The refusal of a matching rule, or null when it lets the caller through. */
export function judge(rule: CompiledRule, caller: Caller): ApiError | null {
  const id = rule.rule.id;
  if (!satisfies(rule.accepts, caller.kind)) return gatewayErrors.authenticationRequired(id, needs(rule.accepts));
  if (rule.action === 'deny') return gatewayErrors.denied(id);
  if (rule.action === 'roles' && !rule.roles.has(caller.role)) return gatewayErrors.roleNotAllowed(id, caller.role, [...rule.roles]);
  return null;
}

function step(rule: CompiledRule, result: TestStep['result'], reason: string): TestStep {
  return { rule_id: rule.rule.id, position: rule.rule.position ?? 0, description: rule.rule.description, result, reason };
}

function inScope(rule: CompiledRule, method: string, trace: TestStep[]): boolean {
  if (!rule.rule.enabled) trace.push(step(rule, 'disabled', 'disabled'));
  else if (rule.methods !== null && !rule.methods.has(method)) trace.push(step(rule, 'method_mismatch', `${method} is not one of ${[...rule.methods].join(', ')}`));
  else return true;
  return false;
}

/** `trace` (the tester) walks every rule, disabled ones included, and records why each did or did not decide. */
export function evaluate(compiled: CompiledRules, facts: Facts, trace?: TestStep[]): Verdict {
  const rules = trace ? compiled.all : candidatesFor(compiled, facts.method, facts.paths);
  let decided: CompiledRule | null = null;
  for (const rule of rules) {
    if (decided && !rule.upstream) continue;
    // The candidate lists hold only enabled rules for the method; the tester walks every rule and says why.
    if (trace && !inScope(rule, facts.method, trace)) continue;
    if (!pathMatches(rule, facts.paths)) {
      trace?.push(step(rule, 'path_mismatch', `${rule.rule.match.path} does not match ${facts.paths.join(' or ')}`));
      continue;
    }
    if (decided) {
      trace?.push(step(rule, 'decides', `routes the request to ${rule.rule.upstream}`));
      return { allowed: true, rule: decided, upstream: rule };
    }
    const refusal = judge(rule, facts.caller);
    trace?.push(step(rule, 'decides', refusal ? refusal.message : rule.upstream ? `allowed, forwarded to ${rule.rule.upstream}` : 'allowed'));
    if (refusal) return { allowed: false, rule, error: refusal };
    if (rule.upstream || !facts.upstreamMount) return { allowed: true, rule, upstream: rule.upstream ? rule : null };
    decided = rule;
  }
  return { allowed: true, rule: decided, upstream: null };
}
