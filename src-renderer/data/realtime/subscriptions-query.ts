import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { realtimeKeys } from './keys';
import type { Subscription } from './types';

export function useRealtimeSubscriptionsQuery() {
  return useQuery({ queryKey: realtimeKeys.subscriptions(), queryFn: () => api<{ subscriptions: Subscription[] }>('/api/realtime/subscriptions') });
}
