export const metricsKeys = {
  all: ['metrics'] as const,
  usage: (days: number) => [...metricsKeys.all, 'usage', days] as const,
};
