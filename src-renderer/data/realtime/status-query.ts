import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { realtimeKeys } from './keys';
import type { RealtimeStatus } from './types';

export function useRealtimeStatusQuery() {
  return useQuery({ queryKey: realtimeKeys.status(), queryFn: () => api<RealtimeStatus>('/api/realtime/status'), refetchInterval: 5_000 });
}
