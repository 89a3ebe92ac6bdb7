// Response schemas of /v1/status and /v1/modules.
import { Type } from '@sinclair/typebox';

const NullableCount = Type.Union([Type.Integer(), Type.Null()]);

export const ModuleStateSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  enabled: Type.Boolean(),
  status: Type.Union([Type.Literal('available'), Type.Literal('not_available')]),
});

export const ModulesResponse = Type.Object({ modules: Type.Array(ModuleStateSchema) });

export const StatusResponse = Type.Object({
  platform: Type.Object({ name: Type.String(), version: Type.String(), uptime_seconds: Type.Integer() }),
  database: Type.Object({
    name: Type.String(),
    embedded: Type.Boolean(),
    postgres_version: Type.String(),
    size_bytes: Type.Number(),
    table_count: Type.Integer(),
    schema_count: Type.Integer(),
    uptime_seconds: Type.Integer({ description: 'Since the Postgres server started' }),
  }),
  plan: Type.Object({ name: Type.Literal('local'), limits: Type.Null({ description: 'A local install has no limits' }) }),
  resources: Type.Object({
    projects: Type.Integer(),
    keys: Type.Object({ total: Type.Integer(), active: Type.Integer(), anon: Type.Integer(), service_role: Type.Integer() }),
    branches: NullableCount,
    backups: NullableCount,
    webhooks: Type.Union([Type.Object({ total: Type.Integer(), active: Type.Integer() }), Type.Null()]),
    realtime_subscriptions: NullableCount,
    storage: Type.Union([Type.Object({ buckets: Type.Integer(), objects: Type.Integer(), total_bytes: Type.Number() }), Type.Null()]),
    unavailable: Type.Array(Type.String(), { description: 'Resources whose module is not available: their figures are null' }),
  }),
  modules: Type.Array(ModuleStateSchema),
});
