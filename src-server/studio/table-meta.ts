// Looks a table up in the catalog and returns what the studio needs to build SQL for it: its columns with the
// catalog's own type names (format_type), primary key and RLS state. Every identifier used later comes from here.
import type { Queryable } from '../db/database.js';
import { notFound } from '../errors.js';

export interface ColumnMeta {
  name: string;
  position: number;
  /** format_type(atttypid, atttypmod): safe to use in a cast, it comes from the catalog. */
  type: string;
  udt: string;
  udt_schema: string;
  /** pg_type.typcategory: S string, N numeric, B boolean, D date/time, A array, U user (json/jsonb/bytea…), E enum. */
  category: string;
  nullable: boolean;
  default: string | null;
  identity: 'always' | 'by_default' | null;
  generated: 'stored' | 'virtual' | null;
  is_pk: boolean;
  enum_values: string[] | null;
  array_element_type: string | null;
  array_element_enum_values: string[] | null;
  comment: string | null;
}

export type RelationKind = 'table' | 'view' | 'materialized_view' | 'partitioned_table' | 'foreign_table';

export interface TableMeta {
  schema: string;
  name: string;
  oid: number;
  kind: RelationKind;
  columns: ColumnMeta[];
  primary_key: string[];
  rls_enabled: boolean;
  rls_forced: boolean;
  comment: string | null;
}

export const RELKINDS: Record<string, RelationKind> = {
  r: 'table', v: 'view', m: 'materialized_view', p: 'partitioned_table', f: 'foreign_table',
};

/** Schemas the studio never shows or edits: Postgres' own and Trestle's internal one. */
export const HIDDEN_SCHEMA_SQL = `(n.nspname IN ('pg_catalog', 'information_schema', 'trestle') OR n.nspname LIKE 'pg\\_%')`;

const TABLE_SQL = `
  SELECT c.oid::int AS oid, c.relkind, c.relrowsecurity AS rls_enabled, c.relforcerowsecurity AS rls_forced,
    obj_description(c.oid, 'pg_class') AS comment,
    coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord)
      FROM pg_constraint con CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
      WHERE con.conrelid = c.oid AND con.contype = 'p'), '{}') AS primary_key,
    coalesce((SELECT json_agg(json_build_object(
        'name', a.attname, 'position', a.attnum, 'type', format_type(a.atttypid, a.atttypmod),
        'udt', t.typname, 'udt_schema', tn.nspname, 'category', t.typcategory,
        'nullable', NOT a.attnotnull, 'default', pg_get_expr(d.adbin, d.adrelid),
        'identity', CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by_default' END,
        'generated', CASE a.attgenerated WHEN 's' THEN 'stored' WHEN 'v' THEN 'virtual' END,
        'enum_values', CASE WHEN t.typtype = 'e' THEN
          (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) END,
        'array_element_type', CASE WHEN t.typcategory = 'A' THEN format_type(t.typelem, NULL) END,
        'array_element_enum_values', CASE WHEN t.typcategory = 'A' THEN
          (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.typelem) END,
        'comment', col_description(a.attrelid, a.attnum)
      ) ORDER BY a.attnum)
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      JOIN pg_namespace tn ON tn.oid = t.typnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS columns
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND NOT ${HIDDEN_SCHEMA_SQL}`;

export async function loadTable(db: Queryable, schema: string, table: string): Promise<TableMeta> {
  const { rows } = await db.query(TABLE_SQL, [schema, table]);
  const row = rows[0];
  if (!row) {
    throw notFound('TABLE_NOT_FOUND', `Table ${schema}.${table} does not exist`, {
      detail: { schema, table }, hint: 'Names are case-sensitive; the table list shows what exists',
    });
  }
  const pk = row.primary_key as string[];
  const columns = (row.columns as Omit<ColumnMeta, 'is_pk'>[]).map((c) => ({ ...c, is_pk: pk.includes(c.name) }));
  return {
    schema, name: table, oid: row.oid, kind: RELKINDS[row.relkind as string], columns, primary_key: pk,
    rls_enabled: row.rls_enabled, rls_forced: row.rls_forced, comment: row.comment,
  };
}

export function columnOf(meta: TableMeta, name: string, what = 'column'): ColumnMeta {
  const col = meta.columns.find((c) => c.name === name);
  if (!col) {
    throw notFound('COLUMN_NOT_FOUND', `Column "${name}" does not exist on ${meta.schema}.${meta.name}`, {
      detail: { schema: meta.schema, table: meta.name, column: name, role: what },
    });
  }
  return col;
}

/** Types whose text can be large: truncated in the grid, searched by quick search. */
export function isLargeType(col: ColumnMeta): boolean {
  return col.category === 'S' || ['json', 'jsonb', 'xml', 'bytea', 'tsvector'].includes(col.udt);
}

export function isTextType(col: ColumnMeta): boolean {
  return col.category === 'S' || col.category === 'E' || ['json', 'jsonb', 'uuid', 'citext'].includes(col.udt);
}
