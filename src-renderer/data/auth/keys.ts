export const authKeys = {
  all: ['auth'] as const,
  users: (search: string, offset: number) => [...authKeys.all, 'users', search, offset] as const,
  inbox: () => [...authKeys.all, 'inbox'] as const,
  settings: () => [...authKeys.all, 'settings'] as const,
};
