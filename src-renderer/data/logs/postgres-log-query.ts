import { useState } from 'react';
import { api } from '../../lib/api';
import { logsKeys } from './keys';
import type { PostgresLogEntry, PostgresLogResponse } from './types';
import { useLiveLog } from './use-live-log';

/** The embedded server's log, live; `available: false` (with the reason) on an external database. */
export function usePostgresLog(paused: boolean) {
  const [meta, setMeta] = useState<Omit<PostgresLogResponse, 'entries'> | null>(null);
  const log = useLiveLog<PostgresLogEntry>({
    queryKey: logsKeys.postgres(),
    fetchBacklog: async () => {
      const r = await api<PostgresLogResponse>('/api/logs/postgres');
      setMeta({ available: r.available, reason: r.reason, slow_statement_ms: r.slow_statement_ms });
      return r.entries;
    },
    streamUrl: meta?.available ? '/api/logs/stream?source=postgres' : null,
    paused,
  });
  return { ...log, meta };
}
