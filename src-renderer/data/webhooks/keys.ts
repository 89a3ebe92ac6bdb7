export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  detail: (id: string) => [...webhookKeys.all, 'detail', id] as const,
  logs: (id: string, outcome?: string) => [...webhookKeys.all, 'logs', id, outcome ?? 'all'] as const,
};
