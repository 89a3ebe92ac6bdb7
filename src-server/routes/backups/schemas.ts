// Request and response schemas of the backup routes.
import { Type } from '@sinclair/typebox';
import { BranchSchema, ConnectionSchema } from '../branches/schemas.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const BackupSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  kind: Type.String(),
  database_name: Type.String(),
  source_database: Type.String(),
  status: Type.String(),
  size_bytes: Type.Union([Type.Number(), Type.Null()]),
  duration_ms: Type.Union([Type.Integer(), Type.Null()]),
  error: NullableString,
  created_at: Type.String(),
  completed_at: NullableString,
});

export const BackupList = Type.Object({ backups: Type.Array(BackupSchema) });
export const BackupRef = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const SnapshotBody = Type.Object({
  label: Type.Optional(Type.String({ maxLength: 200 })),
  terminateConnections: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const SnapshotResponse = Type.Object({
  backup: BackupSchema,
  terminated_connections: Type.Array(ConnectionSchema),
});

export const RestoreBody = Type.Object({
  target: Type.Optional(Type.Union([Type.Literal('branch'), Type.Literal('main')])),
  confirm: Type.Optional(Type.Union([Type.Boolean(), Type.String({ maxLength: 128 })])),
  label: Type.Optional(Type.String({ maxLength: 60 })),
  ttlHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 87_600 })),
  terminateConnections: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const RestoreResponse = Type.Object({
  target: Type.String(),
  backup: BackupSchema,
  branch: Type.Optional(BranchSchema),
  replaced_backup: Type.Optional(BackupSchema),
  method: Type.Optional(Type.String()),
  duration_ms: Type.Optional(Type.Integer()),
  terminated_connections: Type.Array(ConnectionSchema),
});

export const ImportQuery = Type.Object({ label: Type.Optional(Type.String({ maxLength: 200 })) });

export const BackupResponse = Type.Object({ backup: BackupSchema });

export const ScheduleSchema = Type.Object({
  enabled: Type.Boolean(),
  every_hours: Type.Integer({ minimum: 1, maximum: 8_760 }),
  keep: Type.Integer({ minimum: 1, maximum: 1_000 }),
}, { additionalProperties: false });

export const ScheduleResponse = Type.Object({
  schedule: ScheduleSchema,
  last_scheduled_at: NullableString,
  next_due_at: NullableString,
});
