// Request and response schemas of the branch routes.
import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const BranchSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  database_name: Type.String(),
  parent: Type.String(),
  status: Type.String(),
  copy_method: Nullable(Type.String()),
  duration_ms: Type.Union([Type.Integer(), Type.Null()]),
  ttl_hours: Type.Integer(),
  expires_at: Nullable(Type.String()),
  source_backup_id: Nullable(Type.String()),
  created_at: Type.String(),
  reset_at: Nullable(Type.String()),
  deleted_at: Nullable(Type.String()),
  size_bytes: Type.Union([Type.Number(), Type.Null()]),
  active: Type.Boolean(),
  connection_string: Type.String(),
});

export const ConnectionSchema = Type.Object({
  pid: Type.Integer(),
  application_name: Type.String(),
  client_addr: Type.Union([Type.String(), Type.Null()]),
  usename: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([Type.String(), Type.Null()]),
  backend_start: Type.Union([Type.String(), Type.Null()]),
});

export const MainSchema = Type.Object({
  database_name: Type.String(),
  size_bytes: Type.Number(),
  active: Type.Boolean(),
  connection_string: Type.String(),
});

export const BranchList = Type.Object({
  active_database: Type.String(),
  active_branch_id: Type.Union([Type.String(), Type.Null()]),
  main: MainSchema,
  branches: Type.Array(BranchSchema),
});

export const BranchRef = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

export const CreateBranchBody = Type.Object({
  label: Type.Optional(Type.String({ maxLength: 60 })),
  ttlHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 87_600 })),
  ttl_hours: Type.Optional(Type.Integer({ minimum: 0, maximum: 87_600 })),
  parent: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  terminateConnections: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const ResetBranchBody = Type.Union([
  Type.Object({ terminateConnections: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  Type.Null(),
]);

export const BranchCreated = Type.Object({
  branch: BranchSchema,
  method: Type.String(),
  duration_ms: Type.Integer(),
  terminated_connections: Type.Array(ConnectionSchema),
});

export const BranchResponse = Type.Object({ branch: BranchSchema });

export const ActivateResponse = Type.Object({
  active_database: Type.String(),
  branch: Type.Union([BranchSchema, Type.Null()]),
});

export const ConnectionStringResponse = Type.Object({
  database_name: Type.String(),
  connection_string: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  user: Type.String(),
});
