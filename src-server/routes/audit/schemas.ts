// Request and response schemas of /v1/audit-logs and /api/audit-logs.
import { Type } from '@sinclair/typebox';

export const AuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact action, e.g. key.create' })),
  resource_type: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact resource type, e.g. api_key' })),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact actor, e.g. key:truss_sk_abc or dashboard' })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this ISO time' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this ISO time' })),
}, { additionalProperties: false });

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String({ description: 'key:<key prefix>, dashboard or anonymous' }),
  action: Type.String(),
  resource_type: Type.String(),
  resource_id: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Unknown(),
  request_id: Type.Union([Type.String(), Type.Null()]),
});

export const AuditList = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  total: Type.Integer({ description: 'Entries matching the filters' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  facets: Type.Object({
    actions: Type.Array(Type.String()),
    resource_types: Type.Array(Type.String()),
  }, { description: 'Every action and resource type present in the log, for filter menus' }),
});
