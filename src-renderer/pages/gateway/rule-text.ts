// How rules read on the Gateway page.
import type { Authorize, GatewayRule } from '../../data/gateway/types';

export const methodsText = (rule: GatewayRule) => (rule.match.methods.length ? rule.match.methods.join(', ') : 'any method');

export function authorizeText(a: Authorize): string {
  if ('deny' in a) return 'deny';
  if ('roles' in a) return `roles: ${a.roles.join(', ')}`;
  return 'allow';
}

const AUTHENTICATE: Record<string, string> = { api_key: 'API key', jwt: 'user JWT', anonymous: 'no credentials', dashboard_session: 'dashboard session' };
export const authenticateText = (rule: GatewayRule) => rule.authenticate.map((k) => AUTHENTICATE[k] ?? k).join(' or ');

export function limitText(rule: GatewayRule): string | null {
  const l = rule.rate_limit;
  return l ? `${l.requests_per_minute}/min${l.scope === 'rule' ? ' (shared)' : ' per caller'}` : null;
}
