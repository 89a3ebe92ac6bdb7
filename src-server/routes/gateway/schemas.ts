// Request and response schemas of the gateway routes (shapes in src-server/gateway/types.ts).
import { Type } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Role = Type.String({ maxLength: 40 });

export const RuleIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 600 }) });

const Authorize = Type.Object({
  allow: Type.Optional(Type.Boolean()),
  deny: Type.Optional(Type.Boolean()),
  roles: Type.Optional(Type.Array(Role, { maxItems: 10 })),
}, { additionalProperties: false });

const RateLimitInput = Nullable(Type.Object({
  requests_per_minute: Type.Optional(Type.Integer()),
  scope: Type.Optional(Type.String({ maxLength: 20 })),
}, { additionalProperties: false }));

const ruleInput = {
  description: Type.Optional(Type.String({ maxLength: 500 })),
  match: Type.Optional(Type.Object({
    methods: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 10 })),
    path: Type.Optional(Type.String({ maxLength: 512 })),
  }, { additionalProperties: false })),
  authenticate: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 5 })),
  authorize: Type.Optional(Authorize),
  rate_limit: Type.Optional(RateLimitInput),
  upstream: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))),
  enabled: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ minimum: 0 })),
};

export const CreateRuleBody = Type.Object(ruleInput, { additionalProperties: false });
export const UpdateRuleBody = Type.Object(ruleInput, { additionalProperties: false, minProperties: 1 });

export const RuleSchema = Type.Object({
  id: Type.String(),
  description: Type.String(),
  match: Type.Object({ methods: Type.Array(Type.String()), path: Type.String() }),
  authenticate: Type.Array(Type.String()),
  authorize: Type.Object({ allow: Type.Optional(Type.Boolean()), deny: Type.Optional(Type.Boolean()), roles: Type.Optional(Type.Array(Type.String())) }),
  rate_limit: Nullable(Type.Object({ requests_per_minute: Type.Integer(), scope: Type.String() })),
  upstream: Nullable(Type.String()),
  enabled: Type.Boolean(),
  system: Type.Boolean(),
  position: Nullable(Type.Integer()),
  route: Nullable(Type.Object({ url: Type.String(), access: Type.Array(Type.String()) })),
  created_at: Nullable(Type.String()),
  updated_at: Nullable(Type.String()),
});

export const RuleList = Type.Object({ rules: Type.Array(RuleSchema) });
export const RuleResponse = Type.Object({ rule: RuleSchema });

export const TestBody = Type.Object({
  method: Type.String({ minLength: 1, maxLength: 10 }),
  path: Type.String({ minLength: 1, maxLength: 2048, pattern: '^/' }),
  caller: Type.Union([Type.Literal('none'), Type.Literal('anon_key'), Type.Literal('service_key'), Type.Literal('jwt')]),
  jwt_role: Type.Optional(Type.Union([Type.Literal('anon'), Type.Literal('authenticated'), Type.Literal('service_role')])),
}, { additionalProperties: false });

export const TestResultSchema = Type.Object({
  method: Type.String(),
  path: Type.String(),
  matched_paths: Type.Array(Type.String()),
  route: Nullable(Type.Object({ method: Type.String(), url: Type.String(), access: Type.Array(Type.String()) })),
  system_rule: Nullable(RuleSchema),
  rules_apply: Type.Boolean(),
  steps: Type.Array(Type.Object({
    rule_id: Type.String(), position: Type.Integer(), description: Type.String(), result: Type.String(), reason: Type.String(),
  })),
  decision: Type.Object({
    allowed: Type.Boolean(), status: Type.Integer(), code: Nullable(Type.String()), message: Type.String(),
    decided_by: Nullable(Type.String()), upstream: Nullable(Type.String()),
  }),
});

const Probe = {
  status: Type.String(),
  latency_ms: Nullable(Type.Number()),
  error: Type.Optional(Type.String()),
};

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  checked_at: Type.String(),
  modules: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), check: Type.String(), ...Probe })),
  upstreams: Type.Array(Type.Object({ url: Type.String(), rule_ids: Type.Array(Type.String()), status_code: Nullable(Type.Integer()), ...Probe })),
});
