import { api } from '../../lib/api';
import { logsKeys } from './keys';
import type { RequestLogEntry } from './types';
import { useLiveLog } from './use-live-log';

/** The API request log, live; the dashboard's own requests only when asked. */
export function useRequestLog(includeDashboard: boolean, paused: boolean) {
  const flag = includeDashboard ? 'true' : 'false';
  return useLiveLog<RequestLogEntry>({
    queryKey: logsKeys.requests(includeDashboard),
    fetchBacklog: async () => (await api<{ entries: RequestLogEntry[] }>(`/api/logs/requests?include_dashboard=${flag}`)).entries,
    streamUrl: `/api/logs/stream?source=requests&include_dashboard=${flag}`,
    paused,
  });
}
