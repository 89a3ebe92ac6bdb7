// The exposed schemas' tables, views, columns, keys, relationships and functions, loaded from the catalog and
// reloaded when Postgres reports DDL (event trigger → NOTIFY trestle_schema) or the listener reconnects.
import type { Database } from '../db/database.js';
import type { TrestleContext } from '../context.js';

export interface Column {
  name: string;
  /** The type as written in a cast, without a length (character → bpchar, bit → bit varying, so values are not cut). */
  type: string;
  typeOid: number;
  nullable: boolean;
  hasDefault: boolean;
}

export interface Relation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: Map<string, Column>;
  columnList: Column[];
  primaryKey: string[];
}

export interface ForeignKey {
  name: string;
  from: Relation;
  columns: string[];
  to: Relation;
  refColumns: string[];
}

export interface FunctionArg {
  name: string;
  type: string;
  hasDefault: boolean;
  variadic: boolean;
}

export interface DbFunction {
  schema: string;
  name: string;
  args: FunctionArg[];
  returnsSet: boolean;
  /** scalar: a base/domain/enum/array type; composite: a table or composite type; void; record: RETURNS TABLE/OUT. */
  returnKind: 'scalar' | 'composite' | 'void' | 'record';
  returnType: string;
  /** Column names of composite/record results. */
  returnColumns: string[];
  returnRelation?: Relation;
  volatile: boolean;
}

export interface SchemaSnapshot {
  database: string;
  schemas: string[];
  relations: Map<string, Relation>;
  /** Foreign keys by the relation key of their referencing and referenced side. */
  fksFrom: Map<string, ForeignKey[]>;
  fksTo: Map<string, ForeignKey[]>;
  functions: Map<string, DbFunction[]>;
  /** Type names usable in casts, lower-case, pg_catalog and the exposed schemas. */
  types: Map<string, string>;
  loadedAt: number;
}

export const relKey = (schema: string, name: string) => `${schema}\u0000${name}`;

const RELATIONS_SQL = `
  SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
    coalesce(json_agg(json_build_object('name', a.attname, 'type', CASE a.atttypid WHEN 1042 THEN 'bpchar' WHEN 1014 THEN 'bpchar[]' WHEN 1560 THEN 'bit varying' WHEN 1561 THEN 'bit varying[]' ELSE format_type(a.atttypid, NULL) END, 'oid', a.atttypid::int,
      'nullable', NOT a.attnotnull, 'default', a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') ORDER BY a.attnum)
      FILTER (WHERE a.attnum IS NOT NULL), '[]') AS columns,
    coalesce((SELECT array_agg(pa.attname::text ORDER BY array_position(pk.conkey, pa.attnum)) FROM pg_constraint pk
      JOIN pg_attribute pa ON pa.attrelid = pk.conrelid AND pa.attnum = ANY(pk.conkey)
      WHERE pk.conrelid = c.oid AND pk.contype = 'p'), '{}') AS pk
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
  GROUP BY n.nspname, c.relname, c.relkind, c.oid`;

const FKS_SQL = `
  SELECT con.conname AS name, sn.nspname AS schema, sc.relname AS "table", tn.nspname AS ref_schema, tc.relname AS ref_table,
    (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
    (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i)
      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns
  FROM pg_constraint con
  JOIN pg_class sc ON sc.oid = con.conrelid JOIN pg_namespace sn ON sn.oid = sc.relnamespace
  JOIN pg_class tc ON tc.oid = con.confrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
  WHERE con.contype = 'f' AND sn.nspname = ANY($1) AND tn.nspname = ANY($1)`;

const FUNCTIONS_SQL = `
  SELECT n.nspname AS schema, p.proname AS name, p.proretset AS returns_set, p.provolatile AS volatility,
    p.pronargs AS nargs, p.pronargdefaults AS ndefaults, p.provariadic <> 0 AS variadic,
    coalesce(p.proargnames::text[], '{}') AS arg_names, coalesce(p.proargmodes::text[], '{}') AS arg_modes,
    (SELECT coalesce(array_agg(format_type(t, NULL) ORDER BY i), '{}') FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY u(t, i)) AS arg_types,
    format_type(p.prorettype, NULL) AS return_type, rt.typtype AS return_typtype, rn.nspname AS return_schema,
    coalesce(rc.relname, '') AS return_relation
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_type rt ON rt.oid = p.prorettype JOIN pg_namespace rn ON rn.oid = rt.typnamespace
  LEFT JOIN pg_class rc ON rc.oid = rt.typrelid
  WHERE n.nspname = ANY($1) AND p.prokind IN ('f', 'p') AND p.prokind = 'f'`;

const TYPES_SQL = `
  SELECT t.typname AS name, format_type(t.oid, NULL) AS formatted FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE (n.nspname = 'pg_catalog' OR n.nspname = ANY($1)) AND t.typtype IN ('b', 'd', 'e', 'r', 'm', 'c') AND t.typisdefined`;

/** Common SQL spellings of built-in types (as written after `::`). */
const TYPE_ALIASES: Record<string, string> = {
  int: 'integer', int4: 'integer', integer: 'integer', int8: 'bigint', bigint: 'bigint', int2: 'smallint', smallint: 'smallint',
  bool: 'boolean', boolean: 'boolean', float: 'double precision', float8: 'double precision', 'double precision': 'double precision',
  float4: 'real', real: 'real', varchar: 'character varying', 'character varying': 'character varying', char: 'character',
  decimal: 'numeric', timestamptz: 'timestamp with time zone', timestamp: 'timestamp without time zone', timetz: 'time with time zone',
  time: 'time without time zone',
};

interface RelationRow { schema: string; name: string; kind: string; columns: Array<{ name: string; type: string; oid: number; nullable: boolean; default: boolean }>; pk: string[] }
interface FkRow { name: string; schema: string; table: string; ref_schema: string; ref_table: string; columns: string[]; ref_columns: string[] }
interface FunctionRow {
  schema: string; name: string; returns_set: boolean; volatility: string; nargs: number; ndefaults: number; variadic: boolean;
  arg_names: string[]; arg_modes: string[]; arg_types: string[]; return_type: string; return_typtype: string; return_schema: string; return_relation: string;
}

export async function loadSchema(db: Database, schemas: string[]): Promise<SchemaSnapshot> {
  const [rels, fks, fns, types] = await db.withClient(async (c) => [
    (await c.query<RelationRow>(RELATIONS_SQL, [schemas])).rows,
    (await c.query<FkRow>(FKS_SQL, [schemas])).rows,
    (await c.query<FunctionRow>(FUNCTIONS_SQL, [schemas])).rows,
    (await c.query<{ name: string; formatted: string }>(TYPES_SQL, [schemas])).rows,
  ] as const);
  const relations = new Map<string, Relation>();
  for (const r of rels) {
    const columnList = r.columns.map((c) => ({ name: c.name, type: c.type, typeOid: c.oid, nullable: c.nullable, hasDefault: c.default }));
    relations.set(relKey(r.schema, r.name), {
      schema: r.schema, name: r.name, kind: r.kind === 'r' || r.kind === 'p' || r.kind === 'f' ? 'table' : 'view',
      columnList, columns: new Map(columnList.map((c) => [c.name, c])), primaryKey: r.pk,
    });
  }
  const fksFrom = new Map<string, ForeignKey[]>();
  const fksTo = new Map<string, ForeignKey[]>();
  for (const f of fks) {
    const from = relations.get(relKey(f.schema, f.table));
    const to = relations.get(relKey(f.ref_schema, f.ref_table));
    if (!from || !to) continue;
    const fk: ForeignKey = { name: f.name, from, columns: f.columns, to, refColumns: f.ref_columns };
    const a = relKey(from.schema, from.name);
    const b = relKey(to.schema, to.name);
    fksFrom.set(a, [...(fksFrom.get(a) ?? []), fk]);
    fksTo.set(b, [...(fksTo.get(b) ?? []), fk]);
  }
  const functions = new Map<string, DbFunction[]>();
  for (const f of fns) {
    const modes = f.arg_modes.length ? f.arg_modes : f.arg_types.map(() => 'i');
    const args: FunctionArg[] = [];
    const outColumns: string[] = [];
    const inputs = modes.filter((m) => m === 'i' || m === 'b' || m === 'v').length;
    let inputIndex = 0;
    modes.forEach((mode, i) => {
      const name = f.arg_names[i] ?? '';
      if (mode === 'i' || mode === 'b' || mode === 'v') {
        args.push({ name, type: f.arg_types[i], hasDefault: inputIndex >= inputs - f.ndefaults, variadic: mode === 'v' });
        inputIndex++;
      }
      if (mode === 'o' || mode === 'b' || mode === 't') outColumns.push(name);
    });
    const returnRelation = f.return_relation ? relations.get(relKey(f.return_schema, f.return_relation)) : undefined;
    const returnKind: DbFunction['returnKind'] = f.return_type === 'void' ? 'void'
      : f.return_typtype === 'c' ? 'composite' : f.return_type === 'record' ? 'record' : 'scalar';
    const fn: DbFunction = {
      schema: f.schema, name: f.name, args, returnsSet: f.returns_set, returnKind, returnType: f.return_type,
      returnColumns: returnRelation ? returnRelation.columnList.map((c) => c.name) : outColumns, returnRelation,
      volatile: f.volatility === 'v',
    };
    const key = relKey(f.schema, f.name);
    functions.set(key, [...(functions.get(key) ?? []), fn]);
  }
  const typeMap = new Map<string, string>(Object.entries(TYPE_ALIASES));
  for (const t of types) {
    typeMap.set(t.name.toLowerCase(), t.formatted);
    typeMap.set(t.formatted.toLowerCase(), t.formatted);
  }
  return { database: db.name, schemas, relations, fksFrom, fksTo, functions, types: typeMap, loadedAt: Date.now() };
}

/** Keeps the snapshot of the active database current; requests read it without touching the catalog. */
export class SchemaCache {
  private snapshot?: SchemaSnapshot;
  private loading?: Promise<SchemaSnapshot>;
  private stale = true;
  private lastMissReload = 0;

  constructor(private readonly ctx: TrestleContext) {}

  async start(): Promise<void> {
    const unlisten = await this.ctx.listener.listen('trestle_schema', () => this.invalidate());
    const unconnect = this.ctx.listener.onConnect(() => this.invalidate());
    this.ctx.onShutdown(() => {
      unlisten();
      unconnect();
    });
    await this.get();
  }

  invalidate(): void {
    this.stale = true;
    this.reload().catch((err: Error) => this.ctx.log.warn({ err: err.message }, 'schema cache reload failed'));
  }

  reload(): Promise<SchemaSnapshot> {
    this.stale = false;
    const db = this.ctx.databases.active;
    const p = loadSchema(db, this.ctx.config.dbSchemas).then((s) => {
      if (this.loading === p) {
        this.snapshot = s;
        this.loading = undefined;
      }
      return s;
    }, (err: unknown) => {
      if (this.loading === p) {
        this.loading = undefined;
        this.stale = true;
      }
      throw err;
    });
    this.loading = p;
    return p;
  }

  /**
   * The current snapshot. A reload in flight does not hold requests up (they use the previous snapshot, and one
   * that misses a name waits for the reload in refreshAfterMiss); only a first load or a branch switch is awaited.
   */
  get(): Promise<SchemaSnapshot> | SchemaSnapshot {
    const s = this.snapshot;
    if (s && s.database === this.ctx.databases.activeDatabaseName) {
      if (this.stale && !this.loading) void this.reload().catch(() => undefined);
      return s;
    }
    return this.loading ?? this.reload();
  }

  /**
   * After an unknown name: DDL may have committed a moment before its notification arrived. Reload at most
   * every 500 ms so a flood of bad names cannot turn into catalog queries.
   */
  async refreshAfterMiss(): Promise<SchemaSnapshot | undefined> {
    if (this.loading) return this.loading;
    const now = Date.now();
    if (now - this.lastMissReload < 500) return undefined;
    this.lastMissReload = now;
    return this.reload();
  }
}
