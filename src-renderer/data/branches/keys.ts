export const branchKeys = {
  all: ['branches'] as const,
  list: () => [...branchKeys.all, 'list'] as const,
  connection: (id: string) => [...branchKeys.all, 'connection', id] as const,
};
