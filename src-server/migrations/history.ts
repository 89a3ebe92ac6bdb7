// The migration history of a database, kept in the database itself (so a branch carries main's history with it)
// in the table the Supabase CLI uses, supabase_migrations.schema_migrations, plus the SHA-256 checksum of the SQL
// and when it was applied. Rows the CLI wrote have no checksum and count as applied as they are.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Queryable } from '../db/database.js';
import type { AppliedMigration } from './shapes.js';

export const HISTORY_SCHEMA = 'supabase_migrations';
const TABLE = 'supabase_migrations.schema_migrations';

export type { AppliedMigration };

export const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** Creates the history table, or adds Trestle's columns to one the Supabase CLI made. Inside the caller's transaction. */
export async function ensureHistory(c: pg.ClientBase): Promise<void> {
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname IN ('checksum', 'applied_at', 'created_by') AND NOT attisdropped`, [TABLE]);
  if (rows[0].n === 3) return;
  await c.query(`
    CREATE SCHEMA IF NOT EXISTS supabase_migrations;
    CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text);
    ALTER TABLE supabase_migrations.schema_migrations
      ADD COLUMN IF NOT EXISTS created_by text,
      ADD COLUMN IF NOT EXISTS checksum text,
      ADD COLUMN IF NOT EXISTS applied_at timestamptz DEFAULT now();`);
}

export async function listApplied(q: Queryable): Promise<AppliedMigration[]> {
  const { rows: exists } = await q.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [TABLE]);
  if (!exists[0].ok) return [];
  const { rows: cols } = await q.query<{ name: string }>(`SELECT attname AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND NOT attisdropped`, [TABLE]);
  const has = new Set(cols.map((c) => c.name));
  const { rows } = await q.query<AppliedMigration>(
    `SELECT version, coalesce(name, '') AS name, ${has.has('checksum') ? 'checksum' : 'NULL::text AS checksum'},
            ${has.has('created_by') ? 'created_by' : 'NULL::text'} AS applied_by,
            ${has.has('applied_at') ? `to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : 'NULL::text'} AS applied_at
       FROM supabase_migrations.schema_migrations ORDER BY length(version), version`);
  return rows;
}

/** A new version: the UTC time as YYYYMMDDHHMMSS (the CLI's format), or one past the newest when that is later. */
export function nextVersion(existing: string[], now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const numeric = existing.filter((v) => /^\d+$/.test(v)).map(BigInt);
  const newest = numeric.reduce((a, b) => (b > a ? b : a), 0n);
  return BigInt(stamp) > newest ? stamp : String(newest + 1n);
}

export async function recordApplied(c: pg.ClientBase, m: { version: string; name: string; statements: string[]; checksum: string; actor: string }): Promise<void> {
  await c.query(
    `INSERT INTO supabase_migrations.schema_migrations (version, name, statements, checksum, created_by, applied_at)
     VALUES ($1, $2, $3, $4, $5, now())`,
    [m.version, m.name, m.statements, m.checksum, m.actor]);
}
