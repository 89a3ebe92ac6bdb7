// The local project: its row in trestle.project plus live figures (database, keys, tables, storage), and updates.
import type pg from 'pg';
import type { TrestleContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import { ApiError } from '../../errors.js';

export type ProjectStatus = 'active' | 'paused';

export interface ProjectRow {
  id: string;
  name: string;
  status: ProjectStatus;
  created_at: string;
}

const COLUMNS = `id, name, status, to_json(created_at) #>> '{}' AS created_at`;

export async function projectRows(ctx: TrestleContext): Promise<ProjectRow[]> {
  const { rows } = await ctx.databases.control.query<ProjectRow>(`SELECT ${COLUMNS} FROM trestle.project ORDER BY created_at, id`);
  return rows;
}

export async function projectRow(ctx: TrestleContext, id: string, client?: pg.ClientBase): Promise<ProjectRow> {
  const run: Queryable = client ?? ctx.databases.control;
  const { rows } = await run.query<ProjectRow>(`SELECT ${COLUMNS} FROM trestle.project WHERE id = $1 ${client ? 'FOR UPDATE' : ''}`, [id]);
  if (!rows[0]) throw new ApiError(404, 'PROJECT_NOT_FOUND', `No project with id "${id}"`, { hint: 'The local project\'s id is "local"' });
  return rows[0];
}

async function databaseFigures(ctx: TrestleContext) {
  const db = ctx.databases.active;
  const { rows } = await db.query<{ size: string; tables: number; version: string }>(
    `SELECT pg_database_size(current_database())::text AS size, current_setting('server_version') AS version,
            (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'trestle', 'auth', 'storage', 'realtime')) AS tables`);
  return { name: db.name, postgres_version: rows[0].version, size_bytes: Number(rows[0].size), table_count: rows[0].tables };
}

/** The project with what the seed's "full project detail" promises: keys, tables, storage. */
export async function projectDetail(ctx: TrestleContext, row: ProjectRow) {
  const [database, keys, counts] = await Promise.all([databaseFigures(ctx), ctx.keys.list(), ctx.keys.count()]);
  return {
    ...row,
    database: { name: database.name, postgres_version: database.postgres_version, embedded: ctx.postgres.embedded },
    keys: { total: counts.total, active: counts.active, items: keys },
    tables: { count: database.table_count },
    storage: { database_size_bytes: database.size_bytes },
  };
}

export async function updateProject(client: pg.ClientBase, ctx: TrestleContext, id: string, patch: { name?: string; status?: ProjectStatus }) {
  const before = await projectRow(ctx, id, client);
  const { rows } = await client.query<ProjectRow>(
    `UPDATE trestle.project SET name = coalesce($2, name), status = coalesce($3, status) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, patch.name ?? null, patch.status ?? null]);
  return { before, after: rows[0] };
}

/** The audit action of a change: pause/resume and rename are told apart so the log reads well. */
export function auditActionFor(before: ProjectRow, after: ProjectRow): string {
  const renamed = before.name !== after.name;
  const statusChanged = before.status !== after.status;
  if (statusChanged && !renamed) return after.status === 'paused' ? 'project.pause' : 'project.resume';
  if (renamed && !statusChanged) return 'project.rename';
  return 'project.update';
}
