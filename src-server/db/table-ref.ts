// Resolves a user-named table against the catalog before any identifier of it reaches SQL text.
import { ApiError } from '../errors.js';
import type { Queryable } from './database.js';

export interface TableRef {
  schema: string;
  table: string;
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
  rowSecurity: boolean;
}

const INTERNAL_SCHEMAS = new Set(['trestle', 'pg_catalog', 'information_schema', 'pg_toast']);

/** An ordinary or partitioned table of a user schema, or 404 TABLE_NOT_FOUND. */
export async function resolveTable(db: Queryable, schema: string, table: string): Promise<TableRef> {
  if (INTERNAL_SCHEMAS.has(schema) || schema.startsWith('pg_')) {
    throw new ApiError(400, 'INTERNAL_SCHEMA', `Schema "${schema}" is internal and cannot be watched`);
  }
  const { rows } = await db.query<{ nspname: string; relname: string; relrowsecurity: boolean; pk: string[] | null }>(
    `SELECT n.nspname, c.relname, c.relrowsecurity,
            (SELECT array_agg(a.attname::text ORDER BY k.ord)
               FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')`,
    [schema, table],
  );
  if (!rows[0]) {
    throw new ApiError(404, 'TABLE_NOT_FOUND', `Table "${schema}"."${table}" does not exist`, {
      detail: { schema, table }, hint: 'Pick a table from the schema (GET /api/sql/tables)',
    });
  }
  return { schema: rows[0].nspname, table: rows[0].relname, primaryKey: rows[0].pk ?? [], rowSecurity: rows[0].relrowsecurity };
}
