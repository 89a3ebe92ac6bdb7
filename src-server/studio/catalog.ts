// Read-only catalog views for the table editor: the table list with row estimates, one table's details
// (columns, keys, indexes, policies) and the foreign-key graph for the ERD.
import type { Queryable } from '../db/database.js';
import { describeTables } from '../catalog/introspect.js';
import { qualified } from '../db/quote.js';
import { notFound } from '../errors.js';
import { HIDDEN_SCHEMA_SQL, loadTable, RELKINDS, type TableMeta } from './table-meta.js';

/** Tables smaller than this (in 8 KB pages, i.e. 10 MB) get an exact count in the list. */
const EXACT_COUNT_MAX_PAGES = 1280;

export interface TableSummary {
  schema: string;
  name: string;
  kind: string;
  rows: number | null;
  rows_exact: boolean;
  size_bytes: number;
  rls_enabled: boolean;
  exposed: boolean;
  rls_warning: string | null;
  comment: string | null;
}

export async function listTables(db: Queryable, exposedSchemas: string[], search?: string) {
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
  const [{ rows: schemaRows }, { rows }] = await Promise.all([
    db.query<{ name: string }>(`SELECT n.nspname AS name FROM pg_namespace n WHERE NOT ${HIDDEN_SCHEMA_SQL} ORDER BY 1`),
    db.query(`
      SELECT n.nspname AS schema, c.relname AS name, c.relkind, c.reltuples::float8 AS reltuples,
        pg_total_relation_size(c.oid)::float8 AS size_bytes,
        (pg_relation_size(c.oid) / current_setting('block_size')::int)::float8 AS pages,
        c.relrowsecurity AS rls_enabled, obj_description(c.oid, 'pg_class') AS comment
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND NOT c.relispartition AND NOT ${HIDDEN_SCHEMA_SQL}
        AND ($1::text IS NULL OR c.relname ILIKE $1 OR n.nspname ILIKE $1)
      ORDER BY n.nspname, c.relname`, [pattern]),
  ]);
  const tables: TableSummary[] = [];
  for (const r of rows) {
    const kind = RELKINDS[r.relkind as string];
    const countable = kind === 'table' || kind === 'materialized_view' || kind === 'partitioned_table';
    let count: number | null = null;
    let exact = false;
    const table = qualified(r.schema, r.name);
    if (countable && r.pages < EXACT_COUNT_MAX_PAGES) {
      const { rows: c } = await db.query(`SELECT count(*)::float8 AS n FROM ${table}`).catch(() => ({ rows: [] as Array<{ n: number }> }));
      if (c[0]) [count, exact] = [c[0].n, true];
    } else if (countable && r.reltuples >= 0) {
      count = Math.round(r.reltuples);
    } else if (countable) {
      // Never analyzed: the planner's estimate from the table's size.
      type Plan = { 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> };
      const { rows: plan } = await db.query<Plan>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table}`).catch(() => ({ rows: [] as Plan[] }));
      const estimate = plan[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'];
      count = estimate === undefined ? null : Math.round(estimate);
    }
    const exposed = exposedSchemas.includes(r.schema);
    const rlsWarning = exposed && !r.rls_enabled && (kind === 'table' || kind === 'partitioned_table')
      ? `RLS is off: anyone with the anon key can read and write ${r.schema}.${r.name} through /v1/db`
      : null;
    tables.push({
      schema: r.schema, name: r.name, kind, rows: count, rows_exact: exact, size_bytes: r.size_bytes,
      rls_enabled: r.rls_enabled, exposed, rls_warning: rlsWarning, comment: r.comment,
    });
  }
  const schemas = schemaRows.map((s) => ({ name: s.name, exposed: exposedSchemas.includes(s.name) }));
  return { schemas, tables };
}

const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

const KEY_NAMES = (keys: string, rel: string) => `(SELECT array_agg(a.attname::text ORDER BY k.ord)
  FROM unnest(${keys}) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum)`;

const FK_SQL = (where: string) => `
  SELECT con.conname AS name, sn.nspname AS schema, sc.relname AS table, ${KEY_NAMES('con.conkey', 'con.conrelid')} AS columns,
    rn.nspname AS referenced_schema, rc.relname AS referenced_table, ${KEY_NAMES('con.confkey', 'con.confrelid')} AS referenced_columns,
    con.confupdtype AS on_update, con.confdeltype AS on_delete, pg_get_constraintdef(con.oid) AS definition
  FROM pg_constraint con
  JOIN pg_class sc ON sc.oid = con.conrelid JOIN pg_namespace sn ON sn.oid = sc.relnamespace
  JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE con.contype = 'f' AND ${where}
  ORDER BY sn.nspname, sc.relname, con.conname`;

interface ForeignKeyRow {
  name: string; schema: string; table: string; columns: string[];
  referenced_schema: string; referenced_table: string; referenced_columns: string[];
  on_update: string; on_delete: string; definition: string;
}

const fkOf = (r: ForeignKeyRow) => ({ ...r, on_update: FK_ACTIONS[r.on_update] ?? r.on_update, on_delete: FK_ACTIONS[r.on_delete] ?? r.on_delete });

/**
 * One table in full: the shared introspection (columns, keys, indexes, triggers, policies) plus what the grid's
 * editors need per column (enum values, array element type, type category) and the foreign keys pointing here.
 */
export async function tableDetails(db: Queryable, schema: string, table: string, exposedSchemas: string[]) {
  const meta: TableMeta = await loadTable(db, schema, table);
  const [[info], incoming] = await Promise.all([
    describeTables(db, [schema], table),
    db.query<ForeignKeyRow>(FK_SQL('con.confrelid = $1'), [meta.oid]),
  ]);
  if (!info) throw notFound('TABLE_NOT_FOUND', `Table ${schema}.${table} does not exist`, { detail: { schema, table } });
  const extras = new Map(meta.columns.map((c) => [c.name, c]));
  const exposed = exposedSchemas.includes(schema);
  const viewWarning = info.kind === 'view' ? await viewRlsWarning(db, schema, table) : null;
  return {
    ...info,
    columns: info.columns.map((c) => {
      const m = extras.get(c.name);
      return {
        ...c, category: m?.category ?? null, enum_values: m?.enum_values ?? null,
        array_element_type: m?.array_element_type ?? null, array_element_enum_values: m?.array_element_enum_values ?? null,
      };
    }),
    referenced_by: incoming.rows.map(fkOf),
    exposed,
    view_rls_warning: viewWarning,
    rls_warning: exposed && !info.rls.enabled && (info.kind === 'table' || info.kind === 'partitioned_table')
      ? `RLS is off: anyone with the anon key can read and write ${schema}.${table} through /v1/db` : null,
  };
}

/** Tables with their columns, and foreign-key edges between them, for an entity-relationship diagram. */
export async function erd(db: Queryable, schema?: string) {
  const [tables, edges] = await Promise.all([
    db.query(`
      SELECT n.nspname AS schema, c.relname AS name, c.relkind,
        coalesce(json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
          'nullable', NOT a.attnotnull,
          'is_pk', EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = c.oid AND p.contype = 'p' AND a.attnum = ANY (p.conkey)))
          ORDER BY a.attnum) FILTER (WHERE a.attnum IS NOT NULL), '[]') AS columns
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND NOT c.relispartition AND NOT ${HIDDEN_SCHEMA_SQL}
        AND ($1::text IS NULL OR n.nspname = $1)
      GROUP BY n.nspname, c.relname, c.relkind ORDER BY 1, 2`, [schema ?? null]),
    db.query<ForeignKeyRow>(FK_SQL(`NOT (sn.nspname IN ('pg_catalog', 'information_schema', 'trestle') OR sn.nspname LIKE 'pg\\_%')
      AND ($1::text IS NULL OR sn.nspname = $1 OR rn.nspname = $1)`), [schema ?? null]),
  ]);
  return {
    tables: tables.rows.map((t) => ({ schema: t.schema, name: t.name, kind: RELKINDS[t.relkind as string], columns: t.columns })),
    edges: edges.rows.map((e) => ({
      name: e.name, from: { schema: e.schema, table: e.table, columns: e.columns },
      to: { schema: e.referenced_schema, table: e.referenced_table, columns: e.referenced_columns },
    })),
  };
}

/** What the console's editor completes: schemas, tables with columns, user functions, and built-in function names. */
export async function completions(db: Queryable) {
  const [graph, schemas, functions, builtins] = await Promise.all([
    erd(db),
    db.query<{ name: string }>(`SELECT n.nspname AS name FROM pg_namespace n WHERE NOT ${HIDDEN_SCHEMA_SQL} ORDER BY 1`),
    db.query(`
      SELECT n.nspname AS schema, p.proname AS name, pg_get_function_arguments(p.oid) AS arguments,
        pg_get_function_result(p.oid) AS result,
        CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window' ELSE 'function' END AS kind
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE NOT ${HIDDEN_SCHEMA_SQL} ORDER BY 1, 2`),
    db.query<{ name: string }>(`SELECT DISTINCT proname AS name FROM pg_proc
      WHERE pronamespace = 'pg_catalog'::regnamespace AND proname !~ '^(_|pg_)' AND prorettype <> 'internal'::regtype ORDER BY 1`),
  ]);
  return {
    schemas: schemas.rows.map((s) => s.name),
    tables: graph.tables,
    functions: functions.rows,
    builtin_functions: builtins.rows.map((b) => b.name),
  };
}

/** Types a column can have: base types, user enums, domains, composites and ranges (arrays are any of these + []). */
export async function columnTypes(db: Queryable) {
  const { rows } = await db.query(`
    SELECT n.nspname AS schema, t.typname AS name, format_type(t.oid, NULL) AS sql_name, t.typcategory AS category,
      CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite' WHEN 'r' THEN 'range' ELSE 'base' END AS kind
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typisdefined AND t.typtype IN ('b', 'e', 'd', 'c', 'r') AND t.typelem = 0 AND t.typcategory NOT IN ('A', 'P', 'X', 'Z')
      AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
      AND NOT (n.nspname = 'information_schema')
      AND (n.nspname = 'pg_catalog' OR NOT ${HIDDEN_SCHEMA_SQL})
      AND t.typname NOT LIKE 'reg%' AND t.typname NOT IN ('unknown', 'name', 'oid', 'tid', 'xid', 'xid8', 'cid', 'oidvector', 'int2vector', 'pg_lsn', 'pg_snapshot', 'txid_snapshot', 'aclitem', 'refcursor', 'char', 'gtsvector', 'pg_ndistinct', 'pg_dependencies', 'pg_mcv_list', 'pg_brin_bloom_summary', 'pg_brin_minmax_multi_summary', 'pg_node_tree')
    ORDER BY (n.nspname = 'pg_catalog'), n.nspname, format_type(t.oid, NULL)`);
  return { types: rows };
}

/**
 * A plain view (not security_invoker) reads its tables with its owner's rights, so RLS on them does not apply to
 * whoever queries the view. When such a view reads an RLS table and anon may select from the view, say so.
 */
export async function viewRlsWarning(db: Queryable, schema: string, view: string): Promise<string | null> {
  const { rows } = await db.query<{ tables: string[] }>(`
    SELECT array_agg(DISTINCT format('%I.%I', tn.nspname, t.relname)) AS tables
    FROM pg_class v JOIN pg_namespace vn ON vn.oid = v.relnamespace
    JOIN pg_rewrite r ON r.ev_class = v.oid
    JOIN pg_depend d ON d.objid = r.oid AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
    JOIN pg_class t ON t.oid = d.refobjid AND t.oid <> v.oid AND t.relkind IN ('r', 'p') AND t.relrowsecurity
    JOIN pg_namespace tn ON tn.oid = t.relnamespace
    WHERE vn.nspname = $1 AND v.relname = $2 AND v.relkind = 'v'
      AND NOT coalesce('security_invoker=true' = ANY (v.reloptions) OR 'security_invoker=on' = ANY (v.reloptions), false)
      AND has_table_privilege('anon', v.oid, 'SELECT')
    HAVING count(*) > 0`, [schema, view]).catch(() => ({ rows: [] as Array<{ tables: string[] }> }));
  const tables = rows[0]?.tables;
  if (!tables?.length) return null;
  return `This view runs with its owner's rights, so row level security on ${tables.join(', ')} does not apply to it: anon can read every row through it. Make it security_invoker so the caller's policies apply.`;
}
