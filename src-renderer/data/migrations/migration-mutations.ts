import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { migrationKeys } from './keys';
import type { AppliedMigration, MigrationSettings, MigrationsOverview } from './types';

/** Applies one migration written in the dashboard (name + SQL). */
export function useMigrationApplyMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; query: string }) => api<AppliedMigration & { applied: boolean }>('/api/migrations', { method: 'POST', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: migrationKeys.all }),
  });
}

/** Applies the folder's pending migrations (all of them, or the versions given). */
export function useFolderApplyMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (versions?: string[]) => api<{ applied: AppliedMigration[]; overview: MigrationsOverview }>('/api/migrations/apply', { method: 'POST', body: versions ? { versions } : {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: migrationKeys.all }),
  });
}

export function useMigrationSettingsMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Pick<MigrationSettings, 'migrations_dir' | 'seed_file'>>) => api<MigrationsOverview>('/api/migrations/settings', { method: 'PATCH', body: patch }),
    onSuccess: (overview) => qc.setQueryData(migrationKeys.overview(), overview),
  });
}
