export const sqlKeys = {
  all: ['sql'] as const,
  tables: (search = '') => [...sqlKeys.all, 'tables', search] as const,
  tableDetails: (schema: string, table: string) => [...sqlKeys.all, 'table-details', schema, table] as const,
  history: (search = '') => [...sqlKeys.all, 'history', search] as const,
  saved: (search = '') => [...sqlKeys.all, 'saved-queries', search] as const,
  types: () => [...sqlKeys.all, 'types'] as const,
  erd: (schema: string) => [...sqlKeys.all, 'erd', schema] as const,
};
