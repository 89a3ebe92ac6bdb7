import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { realtimeKeys } from './keys';
import type { RealtimeConnection } from './types';

/** Open realtime sockets with their channels, refreshed every 2 s while the page is open. */
export function useRealtimeConnectionsQuery() {
  return useQuery({
    queryKey: realtimeKeys.connections(),
    queryFn: () => api<{ connections: RealtimeConnection[] }>('/api/realtime/connections'),
    refetchInterval: 2_000,
  });
}
