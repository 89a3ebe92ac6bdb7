// Reads tables and their structure (columns, keys, indexes, triggers, RLS policies) from the Postgres catalog.
// A handful of set-based queries for any number of tables; shared by the management API and the table editor.
import type { Queryable } from '../db/database.js';
import type { PolicyInfo, RelationKind, TableInfo, TriggerInfo } from './types.js';

export type { ColumnInfo, ConstraintInfo, ForeignKeyInfo, IndexInfo, PolicyInfo, RelationKind, TableInfo, TriggerInfo } from './types.js';

export interface EnumInfo {
  schema: string;
  name: string;
  values: string[];
}

const KINDS: Record<string, RelationKind> = { r: 'table', p: 'partitioned_table', v: 'view', m: 'materialized_view', f: 'foreign_table' };
const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const POLICY_COMMANDS: Record<string, PolicyInfo['command']> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };

/** Schemas holding user data: everything but Postgres' own and Trestle's internal schema. */
const USER_SCHEMA = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'trestle')`;

export async function userSchemas(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(`SELECT n.nspname::text AS name FROM pg_namespace n WHERE ${USER_SCHEMA} ORDER BY 1`);
  return rows.map((r) => r.name);
}

export async function enumsIn(db: Queryable, schemas: string[]): Promise<EnumInfo[]> {
  const { rows } = await db.query<EnumInfo>(
    `SELECT n.nspname::text AS schema, t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE n.nspname = ANY($1::text[]) GROUP BY n.nspname, t.typname ORDER BY 1, 2`, [schemas]);
  return rows;
}

function groupBy<T extends { oid: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.oid);
    if (list) list.push(r);
    else map.set(r.oid, [r]);
  }
  return map;
}

function triggerShape(type: number): Pick<TriggerInfo, 'timing' | 'events' | 'level'> {
  const events = [[4, 'INSERT'], [16, 'UPDATE'], [8, 'DELETE'], [32, 'TRUNCATE']]
    .filter(([bit]) => (type & (bit as number)) !== 0).map(([, name]) => name as string);
  return {
    timing: type & 64 ? 'INSTEAD OF' : type & 2 ? 'BEFORE' : 'AFTER',
    events,
    level: type & 1 ? 'ROW' : 'STATEMENT',
  };
}

/** Every relation of the given schemas (or the one named table), described in full. */
export async function describeTables(db: Queryable, schemas: string[], table?: string): Promise<TableInfo[]> {
  const { rows: rels } = await db.query<{
    oid: string; schema: string; name: string; relkind: string; rls_enabled: boolean; rls_forced: boolean;
    row_estimate: number | null; size_bytes: number | null; comment: string | null;
  }>(
    `SELECT c.oid::bigint::text AS oid, n.nspname::text AS schema, c.relname::text AS name, c.relkind::text AS relkind,
            c.relrowsecurity AS rls_enabled, c.relforcerowsecurity AS rls_forced,
            CASE WHEN c.reltuples < 0 OR c.relkind NOT IN ('r', 'p', 'm') THEN NULL ELSE c.reltuples::float8 END AS row_estimate,
            CASE WHEN c.relkind IN ('r', 'p', 'm') THEN pg_total_relation_size(c.oid)::float8 END AS size_bytes,
            obj_description(c.oid, 'pg_class') AS comment
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ($2::text IS NULL OR c.relname = $2)
     ORDER BY n.nspname, c.relname`, [schemas, table ?? null]);
  if (rels.length === 0) return [];
  const oids = rels.map((r) => r.oid);

  const [columns, constraints, indexes, triggers, policies] = await Promise.all([
    db.query<{ oid: string; position: number; name: string; data_type: string; udt_name: string; nullable: boolean;
      default_expr: string | null; identity: string; generated: string; comment: string | null }>(
      `SELECT a.attrelid::bigint::text AS oid, a.attnum::int AS position, a.attname::text AS name,
              format_type(a.atttypid, a.atttypmod) AS data_type, t.typname::text AS udt_name, NOT a.attnotnull AS nullable,
              pg_get_expr(d.adbin, d.adrelid) AS default_expr, a.attidentity::text AS identity, a.attgenerated::text AS generated,
              col_description(a.attrelid, a.attnum) AS comment
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY a.attrelid, a.attnum`, [oids]),
    db.query<{ oid: string; name: string; type: string; columns: string[]; ref_schema: string | null; ref_table: string | null;
      ref_columns: string[]; on_update: string; on_delete: string; definition: string }>(
      `SELECT con.conrelid::bigint::text AS oid, con.conname::text AS name, con.contype::text AS type,
              ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
              fn.nspname::text AS ref_schema, fc.relname::text AS ref_table,
              ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS ref_columns,
              con.confupdtype::text AS on_update, con.confdeltype::text AS on_delete, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con
       LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
       WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'f', 'u', 'c')
       ORDER BY con.conrelid, con.conname`, [oids]),
    db.query<{ oid: string; name: string; columns: string[]; is_unique: boolean; is_primary: boolean; method: string;
      predicate: string | null; size_bytes: number; definition: string }>(
      `SELECT i.indrelid::bigint::text AS oid, ic.relname::text AS name,
              ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts::int) k) AS columns,
              i.indisunique AS is_unique, i.indisprimary AS is_primary, am.amname::text AS method,
              pg_get_expr(i.indpred, i.indrelid) AS predicate, pg_relation_size(i.indexrelid)::float8 AS size_bytes,
              pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
       WHERE i.indrelid = ANY($1::oid[]) ORDER BY i.indrelid, ic.relname`, [oids]),
    db.query<{ oid: string; name: string; type: number; enabled: string; function: string; definition: string }>(
      `SELECT t.tgrelid::bigint::text AS oid, t.tgname::text AS name, t.tgtype::int AS type, t.tgenabled::text AS enabled,
              format('%I.%I', pn.nspname, p.proname) AS function, pg_get_triggerdef(t.oid) AS definition
       FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace
       WHERE t.tgrelid = ANY($1::oid[]) AND NOT t.tgisinternal ORDER BY t.tgrelid, t.tgname`, [oids]),
    db.query<{ oid: string; name: string; command: string; permissive: boolean; roles: string[]; using: string | null; with_check: string | null }>(
      `SELECT p.polrelid::bigint::text AS oid, p.polname::text AS name, p.polcmd::text AS command, p.polpermissive AS permissive,
              ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r) AS roles,
              pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
       FROM pg_policy p WHERE p.polrelid = ANY($1::oid[]) ORDER BY p.polrelid, p.polname`, [oids]),
  ]);

  const cols = groupBy(columns.rows);
  const cons = groupBy(constraints.rows);
  const idx = groupBy(indexes.rows);
  const trg = groupBy(triggers.rows);
  const pol = groupBy(policies.rows);

  return rels.map((r) => {
    const tableCons = cons.get(r.oid) ?? [];
    const primaryKey = tableCons.find((c) => c.type === 'p')?.columns ?? [];
    return {
      schema: r.schema,
      name: r.name,
      kind: KINDS[r.relkind],
      comment: r.comment,
      row_estimate: r.row_estimate === null ? null : Math.round(r.row_estimate),
      size_bytes: r.size_bytes,
      rls: { enabled: r.rls_enabled, forced: r.rls_forced },
      columns: (cols.get(r.oid) ?? []).map((c) => {
        const generated = c.generated !== '';
        return {
          name: c.name, position: c.position, data_type: c.data_type, udt_name: c.udt_name, nullable: c.nullable,
          default: generated ? null : c.default_expr,
          is_identity: c.identity !== '',
          identity_generation: c.identity === 'a' ? 'ALWAYS' as const : c.identity === 'd' ? 'BY DEFAULT' as const : null,
          is_generated: generated,
          generation_expression: generated ? c.default_expr : null,
          is_primary_key: primaryKey.includes(c.name),
          comment: c.comment,
        };
      }),
      primary_key: primaryKey,
      foreign_keys: tableCons.filter((c) => c.type === 'f').map((c) => ({
        name: c.name, columns: c.columns, referenced_schema: c.ref_schema ?? '', referenced_table: c.ref_table ?? '',
        referenced_columns: c.ref_columns, on_update: FK_ACTIONS[c.on_update] ?? c.on_update,
        on_delete: FK_ACTIONS[c.on_delete] ?? c.on_delete, definition: c.definition,
      })),
      unique_constraints: tableCons.filter((c) => c.type === 'u').map((c) => ({ name: c.name, columns: c.columns, definition: c.definition })),
      check_constraints: tableCons.filter((c) => c.type === 'c').map((c) => ({ name: c.name, columns: c.columns, definition: c.definition })),
      indexes: (idx.get(r.oid) ?? []).map(({ oid: _oid, ...i }) => i),
      triggers: (trg.get(r.oid) ?? []).map((t) => ({
        name: t.name, ...triggerShape(t.type), function: t.function, enabled: t.enabled !== 'D', definition: t.definition,
      })),
      policies: (pol.get(r.oid) ?? []).map((p) => ({
        name: p.name, command: POLICY_COMMANDS[p.command] ?? 'ALL', permissive: p.permissive, roles: p.roles,
        using: p.using, with_check: p.with_check,
      })),
    };
  });
}
