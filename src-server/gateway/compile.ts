// User rules → matchers, built once per change: each rule's glob becomes a regular expression and the enabled rules
// are grouped by method, so a request only tests the rules that can apply to it.
import { compileGlob } from './glob.js';
import type { CallerKind, GatewayRule, RoleName } from './types.js';

export interface CompiledRule {
  rule: GatewayRule;
  regex: RegExp;
  /** null: every method. */
  methods: ReadonlySet<string> | null;
  accepts: ReadonlySet<CallerKind>;
  action: 'allow' | 'deny' | 'roles';
  roles: ReadonlySet<RoleName>;
  /** The glob's literal leading part: what an upstream rule strips before forwarding. */
  base: string;
  upstream: URL | null;
}

export interface CompiledRules {
  /** Every user rule in order, disabled ones included (the tester reports them). */
  all: CompiledRule[];
  /** Enabled rules that apply to a method, in order; `*` holds those for methods no rule names. */
  byMethod: Map<string, CompiledRule[]>;
  /** No enabled rule at all: the hook returns at once. */
  empty: boolean;
}

const KNOWN_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export function compileRule(rule: GatewayRule): CompiledRule {
  const glob = compileGlob(rule.match.path);
  if (!glob.ok) throw new Error(`gateway rule ${rule.id} has an invalid path: ${glob.error}`);
  const methods = rule.match.methods.length === 0 ? null : new Set<string>(rule.match.methods);
  if (methods?.has('GET')) methods.add('HEAD');
  const a = rule.authorize;
  return {
    rule,
    regex: glob.regex,
    methods,
    accepts: new Set(rule.authenticate.filter((k): k is CallerKind => k !== 'dashboard_session')),
    action: 'deny' in a ? 'deny' : 'roles' in a ? 'roles' : 'allow',
    roles: new Set('roles' in a ? a.roles : []),
    base: glob.base,
    upstream: rule.upstream ? new URL(rule.upstream) : null,
  };
}

export function compileRules(rules: GatewayRule[]): CompiledRules {
  const all = [...rules].sort((x, y) => (x.position ?? 0) - (y.position ?? 0)).map(compileRule);
  const enabled = all.filter((r) => r.rule.enabled);
  const byMethod = new Map<string, CompiledRule[]>();
  for (const method of [...KNOWN_METHODS, '*']) {
    byMethod.set(method, enabled.filter((r) => r.methods === null || r.methods.has(method)));
  }
  return { all, byMethod, empty: enabled.length === 0 };
}

export const NO_RULES: CompiledRules = compileRules([]);
