import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { healthKeys } from './keys';

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  uptime_seconds: number;
  database: { connected: boolean; name: string; embedded: boolean; version: string | null; size_bytes: number | null; latency_ms: number | null; error?: string };
}

export function useHealthQuery() {
  return useQuery({ queryKey: healthKeys.all, queryFn: () => api<Health>('/api/health'), refetchInterval: 5_000 });
}
