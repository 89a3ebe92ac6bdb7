export const realtimeKeys = {
  all: ['realtime'] as const,
  subscriptions: () => [...realtimeKeys.all, 'subscriptions'] as const,
  status: () => [...realtimeKeys.all, 'status'] as const,
  events: () => [...realtimeKeys.all, 'events'] as const,
  connections: () => [...realtimeKeys.all, 'connections'] as const,
};
