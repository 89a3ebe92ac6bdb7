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
  /** The glob's literal leading part: every path it matches starts with it; an upstream rule strips it before forwarding. */
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
  /** Per method and first path segments: the rules that can match there, in order (filled as paths come). */
  candidates: Map<string, CompiledRule[]>;
}

/** Distinct path heads remembered per rule set (the heads of client-facing routes are few; this only bounds abuse). */
const MAX_CANDIDATE_LISTS = 1024;
const HEAD_SEGMENTS = 3;

/** The first segments of a path (`/v1/db/orders/x` → `/v1/db/orders`): enough to tell data API tables apart. */
function head(path: string): string {
  let end = 0;
  for (let i = 0; i < HEAD_SEGMENTS; i++) {
    end = path.indexOf('/', end + 1);
    if (end < 0) return path;
  }
  return path.slice(0, end);
}

/** Whether a path with head `h` can start with a rule's literal base: their shared leading segments agree. */
function compatible(base: string, h: string): boolean {
  const b = head(base);
  return b === '/' || h === b || h.startsWith(b + '/');
}

/**
 * The enabled rules for a method that can match any of `paths`, in order: most rules are told apart by their first
 * segments (a table, a bucket, a function), so a request walks a short list instead of every rule.
 */
export function candidatesFor(compiled: CompiledRules, method: string, paths: string[]): CompiledRule[] {
  const key = `${method} ${paths.length === 1 ? head(paths[0]) : paths.map(head).join(' ')}`;
  let list = compiled.candidates.get(key);
  if (list === undefined) {
    const rules = compiled.byMethod.get(method) ?? compiled.byMethod.get('*')!;
    const heads = paths.map(head);
    list = rules.filter((r) => heads.some((h) => compatible(r.base, h)));
    if (compiled.candidates.size < MAX_CANDIDATE_LISTS) compiled.candidates.set(key, list);
  }
  return list;
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
  return { all, byMethod, empty: enabled.length === 0, candidates: new Map() };
}

export const NO_RULES: CompiledRules = compileRules([]);
