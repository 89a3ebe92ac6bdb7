import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { metricsKeys } from './keys';

// Shapes of /api/metrics (src-server/routes/metrics/schemas.ts).
export interface Counts {
  requests: number;
  errors: number;
  client_errors: number;
  server_errors: number;
  error_rate: number;
  bytes_in: number;
  bytes_out: number;
  bandwidth_bytes: number;
}

export interface DailyUsage extends Counts { day: string }

export interface KeyUsage extends Counts {
  caller: string;
  kind: 'key' | 'dashboard' | 'none';
  key_id: string | null;
  key_prefix: string | null;
  label: string | null;
  key_type: string | null;
  revoked: boolean | null;
}

export interface EndpointUsage extends Counts {
  endpoint: string;
  method: string;
  route: string;
  avg_ms: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  max_ms: number;
}

export interface Metrics {
  since: string | null;
  period_start: string | null;
  generated_at: string;
  totals: Counts;
  daily: DailyUsage[];
  by_key: KeyUsage[];
  endpoints: EndpointUsage[];
}

/** `includeDashboard`: count the dashboard's own requests (its polling) too. */
export function useMetricsQuery(days: number, includeDashboard = false) {
  return useQuery({
    queryKey: metricsKeys.usage(days, includeDashboard),
    queryFn: () => api<Metrics>(`/api/metrics?days=${days}&include_dashboard=${includeDashboard}`),
    refetchInterval: 30_000,
  });
}
