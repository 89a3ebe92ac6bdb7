// "Test a request" for the dashboard: which route a described request reaches, whether its built-in access level
// lets the caller through (the system rule), then the user rules walked with the evaluator the request hook uses.
import type { Access } from '../plugins/auth.js';
import type { CompiledRules } from './compile.js';
import { gatewayErrors } from './errors.js';
import { evaluate, type Caller } from './evaluate.js';
import { systemRuleId, type RouteTable } from './route-table.js';
import type { TestRequest, TestResult, TestStep } from './types.js';

type Decision = TestResult['decision'];

const refuse = (status: number, code: string, message: string, decidedBy: string | null): Decision =>
  ({ allowed: false, status, code, message, decided_by: decidedBy, upstream: null });

function callerOf(input: TestRequest): Caller {
  if (input.caller === 'none') return { kind: 'anonymous', role: 'anon' };
  if (input.caller === 'jwt') return { kind: 'jwt', role: input.jwt_role ?? 'authenticated' };
  return { kind: 'api_key', role: input.caller === 'service_key' ? 'service_role' : 'anon' };
}

/** The auth hook's decision for a caller without a dashboard session (a JWT travels with the anon key). */
function builtIn(levels: Access[], input: TestRequest, systemId: string): Decision | null {
  const hasKey = input.caller !== 'none';
  const level = levels.length === 1 ? levels[0] : levels.find((l) => (l === 'dashboard' ? hasKey : l === 'public' || hasKey)) ?? levels[0];
  if (level === 'public') return null;
  if (!hasKey) {
    return level === 'dashboard'
      ? refuse(401, 'UNAUTHENTICATED', 'Not signed in to the dashboard (and no service_role key)', systemId)
      : refuse(401, 'MISSING_API_KEY', 'An API key is required', systemId);
  }
  if (level !== 'client' && input.caller !== 'service_key') return refuse(403, 'INSUFFICIENT_PERMISSIONS', 'This endpoint needs a service_role key', systemId);
  return null;
}

export function explain(routes: RouteTable, compiled: CompiledRules, input: TestRequest): TestResult {
  const method = input.method.toUpperCase();
  const found = routes.find(method, input.path);
  const base = { method, path: input.path, steps: [] as TestStep[] };
  if (!found) {
    return {
      ...base, matched_paths: [], route: null, system_rule: null, rules_apply: false,
      decision: refuse(404, 'NOT_FOUND', `No route answers ${method} ${input.path.split('?')[0]}`, null),
    };
  }
  const { entry } = found;
  const systemId = systemRuleId(entry.url, entry.access);
  const paths = found.path.paths(found.params);
  const result = {
    ...base, matched_paths: paths, route: { method: entry.method, url: entry.url, access: entry.access },
    system_rule: routes.systemRules().find((r) => r.id === systemId) ?? null,
    rules_apply: found.kind === 'client' || found.kind === 'upstream',
  };
  const floor = builtIn(entry.access, input, systemId);
  if (floor) return { ...result, decision: floor };
  if (!result.rules_apply) {
    return { ...result, decision: { allowed: true, status: 200, code: null, message: 'Allowed by the route\'s built-in access; user rules do not apply here', decided_by: systemId, upstream: null } };
  }
  const verdict = evaluate(compiled, { method, paths, caller: callerOf(input), upstreamMount: found.kind === 'upstream' }, base.steps);
  if (!verdict.allowed) {
    const e = verdict.error;
    return { ...result, decision: refuse(e.statusCode, e.code, e.message, verdict.rule.rule.id) };
  }
  if (found.kind === 'upstream' && !verdict.upstream) {
    const e = gatewayErrors.noUpstream(paths[0]);
    return { ...result, decision: refuse(e.statusCode, e.code, e.message, verdict.rule?.rule.id ?? systemId) };
  }
  const limit = verdict.rule?.rule.rate_limit;
  const upstream = verdict.upstream?.rule.upstream ?? null;
  const message = [
    verdict.rule ? `Allowed by rule ${verdict.rule.rule.position! + 1}` : 'No user rule matches: allowed by the route\'s built-in access',
    upstream ? `forwarded to ${upstream}` : '',
    limit ? `at most ${limit.requests_per_minute} requests a minute${limit.scope === 'caller' ? ' per caller' : ''}` : '',
  ].filter(Boolean).join(', ');
  return { ...result, decision: { allowed: true, status: 200, code: null, message, decided_by: verdict.rule?.rule.id ?? systemId, upstream } };
}
