export const logsKeys = {
  all: ['logs'] as const,
  requests: (includeDashboard: boolean) => [...logsKeys.all, 'requests', includeDashboard] as const,
  postgres: () => [...logsKeys.all, 'postgres'] as const,
};
