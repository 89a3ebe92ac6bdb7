export const migrationKeys = {
  all: ['migrations'] as const,
  overview: () => [...migrationKeys.all, 'overview'] as const,
  diff: (branchId: string) => [...migrationKeys.all, 'diff', branchId] as const,
};
