import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { ForeignConnection } from '../branches/types';
import { backupKeys } from './keys';
import type { Backup } from './types';

export function useBackupSnapshotMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { label?: string; terminateConnections?: boolean }) =>
      api<{ backup: Backup; terminated_connections: ForeignConnection[] }>('/api/backups', { method: 'POST', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: backupKeys.all }),
  });
}
