// Saved console queries (name, SQL, tags) in the main database.
import type { Queryable } from '../db/database.js';
import { notFound } from '../errors.js';

export interface SavedQuery {
  id: string;
  name: string;
  sql: string;
  tags: string[];
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, name, sql, tags,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const missing = (id: string) => notFound('SAVED_QUERY_NOT_FOUND', `Saved query ${id} does not exist`);

export async function listSaved(db: Queryable, opts: { search?: string; tag?: string }): Promise<SavedQuery[]> {
  const pattern = opts.search ? `%${opts.search.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
  const { rows } = await db.query<SavedQuery>(
    `SELECT ${COLUMNS} FROM trestle.saved_queries
     WHERE ($1::text IS NULL OR name ILIKE $1 OR sql ILIKE $1) AND ($2::text IS NULL OR $2 = ANY (tags))
     ORDER BY updated_at DESC, id`, [pattern, opts.tag ?? null]);
  return rows;
}

export async function getSaved(db: Queryable, id: string): Promise<SavedQuery> {
  if (!UUID.test(id)) throw missing(id);
  const { rows } = await db.query<SavedQuery>(`SELECT ${COLUMNS} FROM trestle.saved_queries WHERE id = $1`, [id]);
  if (!rows[0]) throw missing(id);
  return rows[0];
}

const uniqueTags = (tags: string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];

export async function createSaved(db: Queryable, q: { name: string; sql: string; tags?: string[] }): Promise<SavedQuery> {
  const { rows } = await db.query<SavedQuery>(
    `INSERT INTO trestle.saved_queries (name, sql, tags) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
    [q.name.trim(), q.sql, uniqueTags(q.tags)]);
  return rows[0];
}

export async function updateSaved(db: Queryable, id: string, q: { name?: string; sql?: string; tags?: string[] }): Promise<SavedQuery> {
  if (!UUID.test(id)) throw missing(id);
  const { rows } = await db.query<SavedQuery>(
    `UPDATE trestle.saved_queries SET name = coalesce($2, name), sql = coalesce($3, sql), tags = coalesce($4, tags), updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, q.name?.trim() ?? null, q.sql ?? null, q.tags ? uniqueTags(q.tags) : null]);
  if (!rows[0]) throw missing(id);
  return rows[0];
}

export async function deleteSaved(db: Queryable, id: string): Promise<SavedQuery> {
  if (!UUID.test(id)) throw missing(id);
  const { rows } = await db.query<SavedQuery>(`DELETE FROM trestle.saved_queries WHERE id = $1 RETURNING ${COLUMNS}`, [id]);
  if (!rows[0]) throw missing(id);
  return rows[0];
}
