import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { auditKeys } from './keys';

export interface AuditFilter {
  limit: number;
  offset: number;
  action?: string;
  resource_type?: string;
  since?: string;
  until?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  detail: unknown;
  request_id: string | null;
}

export interface AuditList {
  entries: AuditEntry[];
  total: number;
  limit: number;
  offset: number;
  facets: { actions: string[]; resource_types: string[] };
}

export function auditQueryString(filter: AuditFilter): string {
  const q = new URLSearchParams({ limit: String(filter.limit), offset: String(filter.offset) });
  if (filter.action) q.set('action', filter.action);
  if (filter.resource_type) q.set('resource_type', filter.resource_type);
  if (filter.since) q.set('since', filter.since);
  if (filter.until) q.set('until', filter.until);
  return q.toString();
}

export function useAuditLogsQuery(filter: AuditFilter) {
  return useQuery({
    queryKey: auditKeys.list(filter),
    queryFn: () => api<AuditList>(`/api/audit-logs?${auditQueryString(filter)}`),
    placeholderData: keepPreviousData,
  });
}
