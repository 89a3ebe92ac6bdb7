// Request and response schemas of the dashboard's logs (/api/logs/*).
import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const RequestLogQuery = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0, description: 'Only entries with a larger id' })),
  include_dashboard: Type.Optional(Type.Boolean({ default: false, description: "Include the dashboard's own requests (its polling)" })),
}, { additionalProperties: false });

export const RequestLogEntry = Type.Object({
  id: Type.Integer(), at: Type.String(), method: Type.String(), path: Type.String(), status: Type.Integer(),
  duration_ms: Type.Number(), key_prefix: Nullable(Type.String()), role: Type.String(),
  source: Type.Union([Type.Literal('app'), Type.Literal('dashboard')]), request_id: Type.String(),
});

export const RequestLogResponse = Type.Object({ entries: Type.Array(RequestLogEntry) });

export const PostgresLogQuery = Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false });

export const PostgresLogEntry = Type.Object({
  id: Type.Integer(), at: Type.String(), pid: Type.Integer(), level: Type.String(),
  kind: Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('slow'), Type.Literal('info')]),
  message: Type.String(), statement: Nullable(Type.String()), detail: Nullable(Type.String()), hint: Nullable(Type.String()),
  duration_ms: Type.Union([Type.Number(), Type.Null()]),
});

export const PostgresLogResponse = Type.Object({
  available: Type.Boolean(),
  reason: Nullable(Type.String({ description: 'Why the log cannot be shown (an external database)' })),
  slow_statement_ms: Type.Union([Type.Integer(), Type.Null()]),
  entries: Type.Array(PostgresLogEntry),
});

export const StreamQuery = Type.Object({
  source: Type.Union([Type.Literal('requests'), Type.Literal('postgres')]),
  include_dashboard: Type.Optional(Type.Boolean({ default: false })),
}, { additionalProperties: false });
