export const oauth2Keys = {
  all: ['oauth2'] as const,
  clients: () => [...oauth2Keys.all, 'clients'] as const,
  overview: () => [...oauth2Keys.all, 'overview'] as const,
};
