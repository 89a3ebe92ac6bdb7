// Every error the gateway answers with: refusals by a rule, upstream failures and bad rules.
import { ApiError } from '../errors.js';

const ruleDetail = (ruleId: string) => ({ rule_id: ruleId });

export const gatewayErrors = {
  /** The deciding rule accepts credentials the request does not carry. */
  authenticationRequired: (ruleId: string, needs: string) => new ApiError(401, 'GATEWAY_AUTHENTICATION_REQUIRED', `This path needs ${needs}`, {
    detail: ruleDetail(ruleId), hint: 'A gateway rule decides who may call this path; see the Gateway page', headers: { 'WWW-Authenticate': 'Bearer' },
  }),
  denied: (ruleId: string) => new ApiError(403, 'GATEWAY_DENIED', 'A gateway rule refuses this request', { detail: ruleDetail(ruleId) }),
  roleNotAllowed: (ruleId: string, role: string, roles: string[]) => new ApiError(403, 'GATEWAY_ROLE_NOT_ALLOWED', `The role ${role} may not call this path`, {
    detail: { ...ruleDetail(ruleId), role, allowed_roles: roles },
  }),
  rateLimited: (ruleId: string, limit: number, retryAfter: number) => new ApiError(429, 'GATEWAY_RATE_LIMITED', `Rate limit of ${limit} requests per minute exceeded for this path`, {
    detail: ruleDetail(ruleId), hint: 'Wait for the window to reset or raise the rule\'s rate limit', headers: { 'Retry-After': String(retryAfter) },
  }),

  noUpstream: (path: string) => new ApiError(404, 'NO_UPSTREAM', `No gateway rule routes ${path.slice(0, 200)} to an upstream`, {
    hint: 'Add a rule with an upstream URL on the Gateway page (e.g. /functions/v1/** → http://127.0.0.1:9000)',
  }),
  badUpstreamPath: (why: string) => new ApiError(400, 'INVALID_UPSTREAM_PATH', `The path cannot be forwarded: ${why}`),
  upstreamLoop: () => new ApiError(508, 'UPSTREAM_LOOP', 'The upstream sent the request back to Trestle', {
    hint: 'An upstream URL points at Trestle itself; point it at the service instead',
  }),
  upstreamUnavailable: (url: string, cause: string) => new ApiError(502, 'UPSTREAM_UNAVAILABLE', `The upstream ${url} did not answer`, {
    detail: cause, hint: 'Is the local service running and listening on that address?',
  }),
  upstreamTimeout: (url: string) => new ApiError(504, 'UPSTREAM_TIMEOUT', `The upstream ${url} did not answer in time`),

  invalidRule: (field: string, message: string, hint?: string) => new ApiError(400, 'INVALID_RULE', message, { detail: { field }, hint }),
  ruleNotFound: (id: string) => new ApiError(404, 'RULE_NOT_FOUND', `No gateway rule with id "${id.slice(0, 80)}"`),
  systemRuleReadOnly: (id: string) => new ApiError(403, 'SYSTEM_RULE_READ_ONLY', `System rule "${id.slice(0, 200)}" is derived from the route table and cannot be changed`, {
    hint: 'Add a user rule to restrict this route further',
  }),
  tooManyRules: (max: number) => new ApiError(400, 'TOO_MANY_RULES', `A project can have at most ${max} gateway rules`),
};
