// Shapes of /api/gateway (src-server/gateway/types.ts).
export type {
  Authorize, CallerKind, GatewayHealth, GatewayRule, ModuleHealth, RateLimit, RoleName, RuleInput, RuleMethod, TestRequest, TestResult, TestStep,
  UpstreamHealth,
} from '../../../src-server/gateway/types';
