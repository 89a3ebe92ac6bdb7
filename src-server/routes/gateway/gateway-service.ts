// Gateway rules management: validated against the route table, changed and audited in one transaction, then
// compiled into the rules in force before the response goes out (the next request sees them).
import type { FastifyBaseLogger } from 'fastify';
import type { TrestleContext } from '../../context.js';
import { gatewayErrors } from '../../gateway/errors.js';
import { moduleHealth, upstreamHealth } from '../../gateway/health.js';
import type { RouteTable } from '../../gateway/route-table.js';
import type { GatewayRuntime } from '../../gateway/runtime.js';
import { deleteRule, getRule, insertRule, listRules, lockRules, moveRule, updateRule } from '../../gateway/store.js';
import { explain } from '../../gateway/tester.js';
import type { GatewayHealth, GatewayRule, RuleInput, TestRequest, TestResult } from '../../gateway/types.js';
import { validateRule } from '../../gateway/validate.js';
import { audited, type AuditedRequest } from '../../services/audit.js';

const MAX_RULES = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max));

export class GatewayService {
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: TrestleContext,
    private readonly runtime: GatewayRuntime,
    private readonly routes: () => RouteTable,
    private readonly log: FastifyBaseLogger,
  ) {}

  private get control() {
    return this.ctx.databases.control;
  }

  /** Reads and compiles the stored rules; reloads run one after another so the last one read wins. */
  reload(): Promise<void> {
    const next = this.reloading.then(async () => {
      const rules = await listRules(this.control);
      try {
        this.runtime.set(rules);
      } catch (err) {
        this.log.error({ err: (err as Error).message }, 'gateway rules not applied: the previous rules stay in force');
      }
    });
    this.reloading = next.catch(() => undefined);
    return next;
  }

  async list(): Promise<GatewayRule[]> {
    return [...await listRules(this.control), ...this.routes().systemRules()];
  }

  private async find(id: string): Promise<GatewayRule> {
    if (id.startsWith('system:')) {
      const system = this.routes().systemRules().find((r) => r.id === id);
      if (system) throw gatewayErrors.systemRuleReadOnly(id);
    }
    const rule = UUID.test(id) ? await getRule(this.control, id) : null;
    if (!rule) throw gatewayErrors.ruleNotFound(id);
    return rule;
  }

  async get(id: string): Promise<GatewayRule> {
    const system = this.routes().systemRules().find((r) => r.id === id);
    if (system) return system;
    const rule = UUID.test(id) ? await getRule(this.control, id) : null;
    if (!rule) throw gatewayErrors.ruleNotFound(id);
    return rule;
  }

  async create(request: AuditedRequest, input: RuleInput): Promise<GatewayRule> {
    const fields = validateRule(input, this.routes());
    const rule = await audited(this.control, this.ctx.audit, request,
      (r: GatewayRule) => ({ action: 'gateway.rule.create', resourceType: 'gateway_rule', resourceId: r.id, detail: summary(r) }),
      async (client) => {
        const count = await lockRules(client);
        if (count >= MAX_RULES) throw gatewayErrors.tooManyRules(MAX_RULES);
        return insertRule(client, fields, clamp(input.position ?? count, count));
      });
    await this.reload();
    return rule;
  }

  async update(request: AuditedRequest, id: string, input: RuleInput): Promise<GatewayRule> {
    await this.find(id);
    const rule = await audited(this.control, this.ctx.audit, request,
      (r: GatewayRule) => ({ action: 'gateway.rule.update', resourceType: 'gateway_rule', resourceId: r.id, detail: { ...summary(r), changed: Object.keys(input) } }),
      async (client) => {
        const count = await lockRules(client);
        const current = await getRule(client, id);
        if (!current) throw gatewayErrors.ruleNotFound(id);
        const fields = validateRule(input, this.routes(), current);
        if (input.position !== undefined) await moveRule(client, id, current.position!, clamp(input.position, count - 1));
        return updateRule(client, id, fields);
      });
    await this.reload();
    return rule;
  }

  async remove(request: AuditedRequest, id: string): Promise<GatewayRule> {
    await this.find(id);
    const rule = await audited(this.control, this.ctx.audit, request,
      (r: GatewayRule) => ({ action: 'gateway.rule.delete', resourceType: 'gateway_rule', resourceId: r.id, detail: summary(r) }),
      async (client) => {
        await lockRules(client);
        const current = await getRule(client, id);
        if (!current) throw gatewayErrors.ruleNotFound(id);
        await deleteRule(client, current);
        return current;
      });
    await this.reload();
    return rule;
  }

  test(input: TestRequest): TestResult {
    return explain(this.routes(), this.runtime.compiled, input);
  }

  async health(): Promise<GatewayHealth> {
    const [modules, upstreams] = await Promise.all([moduleHealth(this.ctx), upstreamHealth(this.runtime.compiled.all.filter((r) => r.rule.enabled).map((r) => r.rule))]);
    const down = modules.some((m) => m.status === 'down') || upstreams.some((u) => u.status === 'down');
    return { status: down ? 'degraded' : 'ok', checked_at: new Date().toISOString(), modules, upstreams };
  }
}

function summary(r: GatewayRule) {
  return { path: r.match.path, methods: r.match.methods, authorize: r.authorize, upstream: r.upstream, enabled: r.enabled, position: r.position };
}
