export const metricsKeys = {
  all: ['metrics'] as const,
  usage: (days: number, includeDashboard: boolean) => [...metricsKeys.all, 'usage', days, includeDashboard] as const,
};
