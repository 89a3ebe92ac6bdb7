// The exposed schemas' tables, views, columns, keys, relationships and functions, loaded from the catalog and
// reloaded when Postgres reports DDL (event trigger → NOTIFY trestle_schema), on NOTIFY pgrst, or when the listener
// reconnects. Also carries the data API settings that can be set in the database (settings.ts).
import type { Database } from '../db/database.js';
import type { TrestleContext } from '../context.js';
import { DEFAULT_SETTINGS, ROLE_SETTINGS_SQL, withRoleSettings, type DataApiSettings } from './settings.js';
import { viewColumnOrigins } from './view-lineage.js';

export interface Column {
  name: string;
  /** The type as written in a cast, without a length (character → bpchar, bit → bit varying, so values are not cut). */
  type: string;
  typeOid: number;
  nullable: boolean;
  hasDefault: boolean;
  /** A computed field: a function of the relation's row type, called as `fn(row)`. */
  computed?: DbFunction;
}

export interface Relation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  oid: number;
  columns: Map<string, Column>;
  columnList: Column[];
  primaryKey: string[];
  /** Column sets known to be unique: the primary key and unique constraints. */
  uniqueKeys: string[][];
}

export interface ForeignKey {
  name: string;
  from: Relation;
  columns: string[];
  to: Relation;
  refColumns: string[];
  /** The referencing columns are unique, so each referenced row has at most one referencing row. */
  oneToOne: boolean;
}

export interface FunctionArg {
  name: string;
  /** As SQL spells it (format_type: `integer`, `text`), which is how PostgREST names it in error messages. */
  type: string;
  /** The type's own name (pg_type.typname): which single unnamed parameters take the whole body. */
  typname: string;
  hasDefault: boolean;
  variadic: boolean;
  /** A composite (row) type: JSON objects are read into it field by field. */
  composite: boolean;
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
  /** The planner's row estimate (ROWS n); 1 marks a to-one computed relationship. */
  rows: number;
  /** Callable over /rpc: every parameter named, or a single unnamed json, jsonb, text, xml or bytea parameter. */
  exposed: boolean;
}

export interface SchemaSnapshot {
  database: string;
  schemas: string[];
  relations: Map<string, Relation>;
  /** Foreign keys (and those views inherit from their base tables) by the relation key of each side. */
  fksFrom: Map<string, ForeignKey[]>;
  fksTo: Map<string, ForeignKey[]>;
  functions: Map<string, DbFunction[]>;
  /** Functions of one relation's row type (computed fields and computed relationships), by relation key and name. */
  computed: Map<string, Map<string, DbFunction>>;
  /** Type names usable in casts, lower-case, pg_catalog and the exposed schemas. */
  types: Map<string, string>;
  settings: DataApiSettings;
  loadedAt: number;
}

export const relKey = (schema: string, name: string) => `${schema}\u0000${name}`;

const RELATIONS_SQL = `
  SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.oid::int AS oid,
    coalesce(json_agg(json_build_object('name', a.attname, 'num', a.attnum, 'type', CASE a.atttypid WHEN 1042 THEN 'bpchar' WHEN 1014 THEN 'bpchar[]' WHEN 1560 THEN 'bit varying' WHEN 1561 THEN 'bit varying[]' ELSE format_type(a.atttypid, NULL) END, 'oid', a.atttypid::int,
      'nullable', NOT a.attnotnull, 'default', a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') ORDER BY a.attnum)
      FILTER (WHERE a.attnum IS NOT NULL), '[]') AS columns,
    coalesce((SELECT array_agg(pa.attname::text ORDER BY array_position(pk.conkey, pa.attnum)) FROM pg_constraint pk
      JOIN pg_attribute pa ON pa.attrelid = pk.conrelid AND pa.attnum = ANY(pk.conkey)
      WHERE pk.conrelid = c.oid AND pk.contype = 'p'), '{}') AS pk,
    coalesce((SELECT json_agg((SELECT array_agg(ua.attname::text) FROM pg_attribute ua WHERE ua.attrelid = u.conrelid AND ua.attnum = ANY(u.conkey)))
      FROM pg_constraint u WHERE u.conrelid = c.oid AND u.contype IN ('p', 'u')), '[]') AS uniques,
    (SELECT r.ev_action::text FROM pg_rewrite r WHERE r.ev_class = c.oid AND r.rulename = '_RETURN' AND c.relkind IN ('v', 'm')) AS view_query
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
  GROUP BY n.nspname, c.relname, c.relkind, c.oid`;

/** Every foreign key outside the system schemas: views of the exposed schemas may stand on tables anywhere. */
const FKS_SQL = `
  SELECT con.conname AS name, con.conrelid::int AS relid, con.confrelid::int AS ref_relid,
    con.conkey::int[] AS attnums, con.confkey::int[] AS ref_attnums,
    EXISTS (SELECT 1 FROM pg_constraint u WHERE u.conrelid = con.conrelid AND u.contype IN ('p', 'u')
      AND u.conkey::int[] @> con.conkey::int[] AND u.conkey::int[] <@ con.conkey::int[]) AS one_to_one
  FROM pg_constraint con JOIN pg_class sc ON sc.oid = con.conrelid JOIN pg_namespace sn ON sn.oid = sc.relnamespace
  WHERE con.contype = 'f' AND con.conparentid = 0 AND sn.nspname NOT IN ('pg_catalog', 'information_schema')
  ORDER BY con.conname, con.oid`;

const FUNCTIONS_SQL = `
  SELECT n.nspname AS schema, p.proname AS name, p.proretset AS returns_set, p.provolatile AS volatility,
    p.pronargs AS nargs, p.pronargdefaults AS ndefaults, p.prorows::float8 AS rows,
    coalesce(p.proargnames::text[], '{}') AS arg_names, coalesce(p.proargmodes::text[], '{}') AS arg_modes,
    (SELECT coalesce(json_agg(json_build_object('type', format_type(u.t, NULL), 'typname', ty.typname, 'typtype', ty.typtype) ORDER BY u.i), '[]')
      FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY u(t, i) JOIN pg_type ty ON ty.oid = u.t) AS arg_types,
    (SELECT ty.typrelid::int FROM pg_type ty WHERE p.pronargs = 1 AND ty.oid = p.proargtypes[0]) AS row_arg_relid,
    format_type(p.prorettype, NULL) AS return_type, rt.typtype AS return_typtype, rt.typrelid::int AS return_relid
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_type rt ON rt.oid = p.prorettype
  WHERE n.nspname = ANY($1) AND p.prokind = 'f'`;

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

/** Types a single unnamed parameter may have for PostgREST to call the function with the whole request body. */
const SINGLE_BODY_TYPES = new Set(['json', 'jsonb', 'text', 'xml', 'bytea']);

interface RelationRow {
  schema: string; name: string; kind: string; oid: number; pk: string[]; uniques: string[][]; view_query: string | null;
  columns: Array<{ name: string; num: number; type: string; oid: number; nullable: boolean; default: boolean }>;
}
interface FkRow { name: string; relid: number; ref_relid: number; attnums: number[]; ref_attnums: number[]; one_to_one: boolean }
interface FunctionRow {
  schema: string; name: string; returns_set: boolean; volatility: string; nargs: number; ndefaults: number; rows: number;
  arg_names: string[]; arg_modes: string[]; arg_types: Array<{ type: string; typname: string; typtype: string }>;
  row_arg_relid: number | null; return_type: string; return_typtype: string; return_relid: number;
}

/** A relation's columns by attribute number, and (for views) where each column comes from. */
interface Lineage {
  rel: Relation;
  byAttnum: Map<number, string>;
  origins?: Map<string, { relid: number; attnum: number }>;
}

/** The exposed relations that show all the given columns of `relid` (itself, and views over it): their column names. */
function coveringRelations(relid: number, attnums: number[], byOid: Map<number, Lineage>, views: Lineage[]): Array<{ rel: Relation; cols: string[] }> {
  const out: Array<{ rel: Relation; cols: string[] }> = [];
  const own = byOid.get(relid);
  if (own && own.rel.kind === 'table') {
    const cols = attnums.map((a) => own.byAttnum.get(a));
    if (cols.every((c) => c !== undefined)) out.push({ rel: own.rel, cols: cols as string[] });
  }
  for (const view of views) {
    const cols = attnums.map((a) => baseColumn(view, relid, a, byOid));
    if (cols.every((c) => c !== undefined)) out.push({ rel: view.rel, cols: cols as string[] });
  }
  return out;
}

/** The view's column that is (through any chain of exposed views) a plain reference to `relid`.`attnum`. */
function baseColumn(view: Lineage, relid: number, attnum: number, byOid: Map<number, Lineage>): string | undefined {
  for (const [column, origin] of view.origins ?? []) {
    let at: { relid: number; attnum: number } | undefined = origin;
    for (let depth = 0; at && depth < 16; depth++) {
      if (at.relid === relid && at.attnum === attnum) return column;
      const inner = byOid.get(at.relid);
      const name: string | undefined = inner?.origins ? inner.byAttnum.get(at.attnum) : undefined;
      at = name === undefined ? undefined : inner!.origins!.get(name);
    }
  }
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function loadSchema(db: Database, schemas: string[], base: DataApiSettings = DEFAULT_SETTINGS): Promise<SchemaSnapshot> {
  const [rels, fks, fns, types, roleSettings] = await db.withClient(async (c) => [
    (await c.query<RelationRow>(RELATIONS_SQL, [schemas])).rows,
    (await c.query<FkRow>(FKS_SQL)).rows,
    (await c.query<FunctionRow>(FUNCTIONS_SQL, [schemas])).rows,
    (await c.query<{ name: string; formatted: string }>(TYPES_SQL, [schemas])).rows,
    (await c.query<{ key: string; value: string }>(ROLE_SETTINGS_SQL)).rows,
  ] as const);
  const relations = new Map<string, Relation>();
  const byOid = new Map<number, Lineage>();
  const views: Lineage[] = [];
  for (const r of rels) {
    const columnList: Column[] = r.columns.map((c) => ({ name: c.name, type: c.type, typeOid: c.oid, nullable: c.nullable, hasDefault: c.default }));
    const rel: Relation = {
      schema: r.schema, name: r.name, kind: r.kind === 'r' || r.kind === 'p' || r.kind === 'f' ? 'table' : 'view', oid: r.oid,
      columnList, columns: new Map(columnList.map((c) => [c.name, c])), primaryKey: r.pk, uniqueKeys: r.uniques.filter(Boolean),
    };
    relations.set(relKey(r.schema, r.name), rel);
    const lineage: Lineage = { rel, byAttnum: new Map(r.columns.map((c) => [c.num, c.name])) };
    if (r.view_query) {
      lineage.origins = new Map(viewColumnOrigins(r.view_query).map((o) => [o.column, { relid: o.relid, attnum: o.attnum }]));
      views.push(lineage);
    }
    byOid.set(r.oid, lineage);
  }
  const fksFrom = new Map<string, ForeignKey[]>();
  const fksTo = new Map<string, ForeignKey[]>();
  for (const f of fks) {
    const sources = coveringRelations(f.relid, f.attnums, byOid, views);
    if (sources.length === 0) continue;
    const targets = coveringRelations(f.ref_relid, f.ref_attnums, byOid, views);
    for (const s of sources) {
      for (const t of targets) {
        const fk: ForeignKey = { name: f.name, from: s.rel, columns: s.cols, to: t.rel, refColumns: t.cols, oneToOne: f.one_to_one };
        push(fksFrom, relKey(s.rel.schema, s.rel.name), fk);
        push(fksTo, relKey(t.rel.schema, t.rel.name), fk);
      }
    }
  }
  const functions = new Map<string, DbFunction[]>();
  const computed = new Map<string, Map<string, DbFunction>>();
  for (const f of fns) {
    const modes = f.arg_modes.length ? f.arg_modes : f.arg_types.map(() => 'i');
    const args: FunctionArg[] = [];
    const outColumns: string[] = [];
    const inputs = modes.filter((m) => m === 'i' || m === 'b' || m === 'v').length;
    let inputIndex = 0;
    modes.forEach((mode, i) => {
      const name = f.arg_names[i] ?? '';
      const t = f.arg_types[i];
      if (mode === 'i' || mode === 'b' || mode === 'v') {
        args.push({ name, type: t.type, typname: t.typname, hasDefault: inputIndex >= inputs - f.ndefaults, variadic: mode === 'v', composite: t.typtype === 'c' });
        inputIndex++;
      }
      if (mode === 'o' || mode === 'b' || mode === 't') outColumns.push(name);
    });
    const returnRelation = f.return_relid ? byOid.get(f.return_relid)?.rel : undefined;
    const returnKind: DbFunction['returnKind'] = f.return_type === 'void' ? 'void'
      : f.return_typtype === 'c' ? 'composite' : f.return_type === 'record' ? 'record' : 'scalar';
    const fn: DbFunction = {
      schema: f.schema, name: f.name, args, returnsSet: f.returns_set, returnKind, returnType: f.return_type,
      returnColumns: returnRelation ? returnRelation.columnList.map((c) => c.name) : outColumns, returnRelation,
      volatile: f.volatility === 'v', rows: f.rows,
      exposed: args.every((a) => a.name !== '') || (args.length === 1 && SINGLE_BODY_TYPES.has(args[0].typname)),
    };
    push(functions, relKey(f.schema, f.name), fn);
    const rowOf = f.row_arg_relid ? byOid.get(f.row_arg_relid)?.rel : undefined;
    if (rowOf && args.length === 1 && !args[0].variadic) {
      const key = relKey(rowOf.schema, rowOf.name);
      let byName = computed.get(key);
      if (!byName) computed.set(key, (byName = new Map()));
      byName.set(f.name, fn);
    }
  }
  const typeMap = new Map<string, string>(Object.entries(TYPE_ALIASES));
  for (const t of types) {
    typeMap.set(t.name.toLowerCase(), t.formatted);
    typeMap.set(t.formatted.toLowerCase(), t.formatted);
  }
  return {
    database: db.name, schemas, relations, fksFrom, fksTo, functions, computed, types: typeMap,
    settings: withRoleSettings(base, roleSettings), loadedAt: Date.now(),
  };
}

/** Keeps the snapshot of the active database current; requests read it without touching the catalog. */
export class SchemaCache {
  private snapshot?: SchemaSnapshot;
  private loading?: Promise<SchemaSnapshot>;
  /** When the load in flight started: one that began before a request may not see DDL the request relies on. */
  private loadingSince = 0;
  /** When the load of the current snapshot started. */
  private snapshotSince = 0;
  private stale = true;
  private lastMissReload = 0;
  private missReload?: { startsAt: number; promise: Promise<SchemaSnapshot> };

  constructor(private readonly ctx: TrestleContext) {}

  async start(): Promise<void> {
    const unlisten = await this.ctx.listener.listen('trestle_schema', () => this.invalidate());
    // PostgREST's reload signal (`NOTIFY pgrst` / `NOTIFY pgrst, 'reload config'`), e.g. after ALTER ROLE … SET pgrst.*.
    const unlistenPgrst = await this.ctx.listener.listen('pgrst', () => this.invalidate());
    const unconnect = this.ctx.listener.onConnect(() => this.invalidate());
    this.ctx.onShutdown(() => {
      unlisten();
      unlistenPgrst();
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
    const startedAt = Date.now();
    const p = loadSchema(db, this.ctx.config.dbSchemas, this.ctx.config.dataApi).then((s) => {
      if (this.loading === p) {
        this.snapshot = s;
        this.snapshotSince = startedAt;
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
    this.loadingSince = startedAt;
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
   * After an unknown name in a request that started at `since`: DDL may have committed a moment before its
   * notification arrived, so wait for a load that starts after the request. Such loads for misses start at most
   * every 500 ms (later misses share the next one), so a flood of bad names cannot turn into catalog queries.
   */
  refreshAfterMiss(since: number): Promise<SchemaSnapshot> {
    if (this.loading && this.loadingSince >= since) return this.loading;
    if (this.snapshot && this.snapshotSince >= since && !this.loading) return Promise.resolve(this.snapshot);
    if (this.missReload && this.missReload.startsAt >= since) return this.missReload.promise;
    const startsAt = Math.max(Date.now(), this.lastMissReload + 500);
    this.lastMissReload = startsAt;
    const promise = new Promise((resolve) => setTimeout(resolve, startsAt - Date.now())).then(() => this.reload());
    this.missReload = { startsAt, promise };
    return promise;
  }
}
