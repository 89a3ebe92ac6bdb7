// Collects the figures of /v1/status from the catalog and Trestle's own tables.
import type { TrestleContext } from '../../context.js';

export async function platformStatus(ctx: TrestleContext) {
  const db = ctx.databases.active;
  const { rows } = await db.query<{
    version: string; size: string; tables: number; schemas: number; started: string;
  }>(`SELECT current_setting('server_version') AS version,
            pg_database_size(current_database())::text AS size,
            (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'trestle', 'auth')
                AND n.nspname NOT LIKE 'pg\\_%') AS tables,
            (SELECT count(*)::int FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'trestle', 'auth')
                AND n.nspname NOT LIKE 'pg\\_%') AS schemas,
            pg_postmaster_start_time()::text AS started`);
  const info = rows[0];
  const keys = await ctx.keys.count();
  return {
    platform: { name: 'Trestle', version: ctx.version, uptime_seconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000) },
    database: {
      name: db.name,
      embedded: ctx.postgres.embedded,
      postgres_version: info.version,
      size_bytes: Number(info.size),
      table_count: info.tables,
      schema_count: info.schemas,
      uptime_seconds: Math.round((Date.now() - Date.parse(info.started)) / 1000),
    },
    plan: { name: 'local', limits: null },
    resources: { projects: 1, keys: { total: keys.total, active: keys.active, anon: keys.anon, service_role: keys.service_role } },
    modules: ctx.modules,
  };
}
