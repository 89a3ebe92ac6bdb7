// Collects the figures of /v1/status from the catalog and Trestle's own tables.
import type { TrestleContext } from '../../context.js';
import { moduleResourceCounts } from './resources.js';

export async function platformStatus(ctx: TrestleContext) {
  const db = ctx.databases.active;
  const { rows } = await db.query<{
    version: string; size: string; tables: number; schemas: number; uptime: number;
  }>(`SELECT current_setting('server_version') AS version,
            pg_database_size(current_database())::text AS size,
            (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'trestle', 'auth', 'storage', 'realtime')
                AND n.nspname NOT LIKE 'pg\\_%') AS tables,
            (SELECT count(*)::int FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'trestle', 'auth', 'storage', 'realtime')
                AND n.nspname NOT LIKE 'pg\\_%') AS schemas,
            extract(epoch FROM now() - pg_postmaster_start_time())::float8 AS uptime`);
  const info = rows[0];
  const [keys, counts, project] = await Promise.all([
    ctx.keys.count(),
    moduleResourceCounts(ctx),
    ctx.databases.control.query<{ projects: number }>('SELECT count(*)::int AS projects FROM trestle.project'),
  ]);
  return {
    platform: { name: 'Trestle', version: ctx.version, uptime_seconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000) },
    database: {
      name: db.name,
      embedded: ctx.postgres.embedded,
      postgres_version: info.version,
      size_bytes: Number(info.size),
      table_count: info.tables,
      schema_count: info.schemas,
      uptime_seconds: Math.round(info.uptime),
    },
    plan: { name: 'local' as const, limits: null },
    resources: {
      projects: project.rows[0].projects,
      keys: { total: keys.total, active: keys.active, anon: keys.anon, service_role: keys.service_role },
      ...counts,
    },
    modules: ctx.modules,
  };
}
