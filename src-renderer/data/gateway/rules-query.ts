import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { gatewayKeys } from './keys';
import type { GatewayRule } from './types';

/** User rules in evaluation order, then the read-only system rules. */
export function useGatewayRulesQuery() {
  return useQuery({
    queryKey: gatewayKeys.rules(),
    queryFn: () => api<{ rules: GatewayRule[] }>('/api/gateway/rules'),
    select: (d) => ({ user: d.rules.filter((r) => !r.system), system: d.rules.filter((r) => r.system) }),
  });
}
