// The rules in force: compiled once per change and swapped in whole, so the next request sees the new set and a
// request in flight keeps the one it started with. Per-rule rate limits count here.
import type { FastifyRequest } from 'fastify';
import { RateLimiter } from '../services/rate-limiter.js';
import { compileRules, NO_RULES, type CompiledRule, type CompiledRules } from './compile.js';
import { gatewayErrors } from './errors.js';
import { jwtOf } from './evaluate.js';
import type { GatewayRule } from './types.js';

export class GatewayRuntime {
  compiled: CompiledRules = NO_RULES;
  private readonly limiter = new RateLimiter();

  /** Replaces the rules in force (throws, keeping the previous set, when one cannot be compiled). */
  set(rules: GatewayRule[]): void {
    this.compiled = compileRules(rules);
  }

  /** Counts the request against the deciding rule's limit; throws 429 over it. */
  count(rule: CompiledRule, request: FastifyRequest): void {
    const limit = rule.rule.rate_limit;
    if (!limit) return;
    const auth = request.auth;
    const sub = jwtOf(auth)?.sub;
    const who = limit.scope === 'rule' ? '*' : sub ? `jwt:${sub}` : auth.kind === 'key' ? `key:${auth.key.id}` : `ip:${request.ip}`;
    const decision = this.limiter.hit(`${rule.rule.id}|${who}`, limit.requests_per_minute);
    if (!decision.allowed) {
      throw gatewayErrors.rateLimited(rule.rule.id, decision.limit, Math.max(1, decision.reset - Math.floor(Date.now() / 1000)));
    }
  }
}
