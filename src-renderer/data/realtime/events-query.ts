import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { realtimeKeys } from './keys';
import type { RealtimeEvent } from './types';

/** The server's last 200 events, to fill the feed before live ones arrive. Fetched once per visit. */
export function useRealtimeEventsQuery() {
  return useQuery({ queryKey: realtimeKeys.events(), queryFn: () => api<{ events: RealtimeEvent[] }>('/api/realtime/events'), staleTime: Infinity, gcTime: 0 });
}
