import type { AuditFilter } from './audit-logs-query';

export const auditKeys = {
  all: ['audit-logs'] as const,
  list: (filter: AuditFilter) => [...auditKeys.all, 'list', filter] as const,
};
