export const storageKeys = {
  all: ['storage'] as const,
  buckets: () => [...storageKeys.all, 'buckets'] as const,
  entries: (bucket: string, prefix: string) => [...storageKeys.all, 'entries', bucket, prefix] as const,
  entriesOf: (bucket: string) => [...storageKeys.all, 'entries', bucket] as const,
};
