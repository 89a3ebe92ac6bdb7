import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { backupKeys } from './keys';
import type { Backup } from './types';

export function useBackupDeleteMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ backup: Backup }>(`/api/backups/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: backupKeys.all }),
  });
}
