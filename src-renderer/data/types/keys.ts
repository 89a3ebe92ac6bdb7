export const typesKeys = {
  all: ['types'] as const,
  generated: (schemas: string) => [...typesKeys.all, 'generated', schemas] as const,
  settings: () => [...typesKeys.all, 'settings'] as const,
};
