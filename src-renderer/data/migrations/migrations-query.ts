import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { migrationKeys } from './keys';
import type { MigrationsOverview } from './types';

/** The active database's migration history and, when a folder is set, each file's status against it. */
export function useMigrationsQuery() {
  return useQuery({ queryKey: migrationKeys.overview(), queryFn: () => api<MigrationsOverview>('/api/migrations'), refetchInterval: 10_000 });
}
