import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { backupKeys } from './keys';
import type { Backup } from './types';

/** Polls quickly while a snapshot is in progress. */
export function useBackupsQuery() {
  return useQuery({
    queryKey: backupKeys.list(),
    queryFn: () => api<{ backups: Backup[] }>('/api/backups'),
    refetchInterval: (q) => (q.state.data?.backups.some((b) => b.status === 'in_progress') ? 1_000 : 15_000),
  });
}
