// Wire shapes of the gateway (/v1/gateway/*, /api/gateway/*): type-only, shared with the dashboard.

export type RuleMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** What a caller proves: an API key (or any verified credential), a verified user JWT, or nothing. */
export type CallerKind = 'api_key' | 'jwt' | 'anonymous';
/** System rules only: the dashboard's session cookie. */
export type Authenticator = CallerKind | 'dashboard_session';
export type RoleName = 'anon' | 'authenticated' | 'service_role';

export type Authorize = { allow: true } | { deny: true } | { roles: RoleName[] };

export interface RateLimit {
  requests_per_minute: number;
  /** caller: counted per JWT subject, else per API key, else per address; rule: one budget shared by every caller. */
  scope: 'caller' | 'rule';
}

export interface GatewayRule {
  /** A uuid for user rules; `system:<route>` for the read-only rules derived from the route table. */
  id: string;
  description: string;
  /** An empty `methods` list matches every method; GET also matches HEAD. */
  match: { methods: RuleMethod[]; path: string };
  authenticate: Authenticator[];
  authorize: Authorize;
  rate_limit: RateLimit | null;
  upstream: string | null;
  enabled: boolean;
  system: boolean;
  /** 0-based evaluation order of user rules; null for system rules. */
  position: number | null;
  /** System rules: the route pattern and its declared access levels. */
  route: { url: string; access: string[] } | null;
  created_at: string | null;
  updated_at: string | null;
}

/** POST body (PATCH takes any subset, plus `position` to move a rule). */
export interface RuleInput {
  description?: string;
  match?: { methods?: string[]; path?: string };
  authenticate?: string[];
  authorize?: { allow?: boolean; deny?: boolean; roles?: string[] };
  rate_limit?: { requests_per_minute?: number; scope?: string } | null;
  upstream?: string | null;
  enabled?: boolean;
  position?: number;
}

/** POST /api/gateway/test: a request described, not sent. */
export interface TestRequest {
  method: string;
  path: string;
  caller: 'none' | 'anon_key' | 'service_key' | 'jwt';
  /** The JWT's role claim when caller is jwt (default authenticated). */
  jwt_role?: RoleName;
}

export type StepResult = 'disabled' | 'method_mismatch' | 'path_mismatch' | 'decides';

export interface TestStep {
  rule_id: string;
  position: number;
  description: string;
  result: StepResult;
  reason: string;
}

export interface TestResult {
  method: string;
  path: string;
  /** The paths rules are matched against: the route's path with its parameters, and the data API's other spelling. */
  matched_paths: string[];
  route: { method: string; url: string; access: string[] } | null;
  system_rule: GatewayRule | null;
  /** Whether user rules apply at all (client-facing routes and upstreams) and why not. */
  rules_apply: boolean;
  steps: TestStep[];
  decision: {
    allowed: boolean;
    status: number;
    code: string | null;
    message: string;
    decided_by: string | null;
    upstream: string | null;
  };
}

export type ProbeStatus = 'up' | 'down' | 'not_available';

export interface ModuleHealth {
  id: string;
  name: string;
  status: ProbeStatus;
  latency_ms: number | null;
  /** What the probe checked, e.g. "database round trip (API pool)". */
  check: string;
  error?: string;
}

export interface UpstreamHealth {
  url: string;
  rule_ids: string[];
  status: 'up' | 'down';
  latency_ms: number | null;
  status_code: number | null;
  error?: string;
}

export interface GatewayHealth {
  status: 'ok' | 'degraded';
  checked_at: string;
  modules: ModuleHealth[];
  upstreams: UpstreamHealth[];
}
