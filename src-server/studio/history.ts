// The console's run history, kept in the main database (it survives branch switches) and pruned to the newest runs.
import type { Database } from '../db/database.js';

export interface HistoryEntry {
  query_id: string;
  sql: string;
  status: 'success' | 'error' | 'cancelled';
  duration_ms: number;
  row_count: number;
  result_count: number;
  error?: string | null;
  error_code?: string | null;
}

const KEEP = 5000;
const MAX_SQL = 100_000;

const COLUMNS = `id::text AS id, query_id, sql, status, duration_ms, row_count::float8 AS row_count, result_count, error, error_code,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`;

export async function recordHistory(db: Database, e: HistoryEntry): Promise<void> {
  await db.query(
    `INSERT INTO trestle.sql_history (query_id, sql, status, duration_ms, row_count, result_count, error, error_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [e.query_id, e.sql.slice(0, MAX_SQL), e.status, Math.round(e.duration_ms), e.row_count, e.result_count, e.error ?? null, e.error_code ?? null]);
  await db.query(`DELETE FROM trestle.sql_history WHERE id <= (SELECT id FROM trestle.sql_history ORDER BY id DESC OFFSET $1 LIMIT 1)`, [KEEP]);
}

export async function listHistory(db: Database, opts: { search?: string; limit?: number; offset?: number }) {
  const pattern = opts.search ? `%${opts.search.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
  const { rows } = await db.query(
    `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM trestle.sql_history
     WHERE $1::text IS NULL OR sql ILIKE $1 ORDER BY id DESC LIMIT $2 OFFSET $3`,
    [pattern, opts.limit ?? 50, opts.offset ?? 0]);
  const total = rows[0]?.total ?? (opts.offset ? (await db.query(
    `SELECT count(*)::int AS n FROM trestle.sql_history WHERE $1::text IS NULL OR sql ILIKE $1`, [pattern])).rows[0].n : 0);
  return { entries: rows.map(({ total: _t, ...r }) => r), total };
}

export async function clearHistory(client: { query: Database['query'] }): Promise<number> {
  const { rowCount } = await client.query('DELETE FROM trestle.sql_history');
  return rowCount ?? 0;
}
