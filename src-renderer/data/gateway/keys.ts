export const gatewayKeys = {
  all: ['gateway'] as const,
  rules: () => [...gatewayKeys.all, 'rules'] as const,
  health: () => [...gatewayKeys.all, 'health'] as const,
};
