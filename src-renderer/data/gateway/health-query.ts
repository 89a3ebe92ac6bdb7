import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { gatewayKeys } from './keys';
import type { GatewayHealth } from './types';

/** Modules and upstreams, probed by the server; refreshed every 10 s while the page is open. */
export function useGatewayHealthQuery() {
  return useQuery({ queryKey: gatewayKeys.health(), queryFn: () => api<GatewayHealth>('/api/gateway/health'), refetchInterval: 10_000 });
}
