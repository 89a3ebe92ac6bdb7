// Builds the table editor's schema changes as SQL text from a structured request: names quoted with quoteIdent
// (and checked against the catalog where they must exist), types and defaults from ddl-types. Preview and apply
// call the same builder, so the SQL shown is the SQL run.
import type { Queryable } from '../db/database.js';
import { qualified, quoteIdent } from '../db/quote.js';
import { badRequest, notFound } from '../errors.js';
import { defaultSql, resolveType, type DefaultSpec } from './ddl-types.js';
import { buildObjectDdl, fkAction as action, OBJECT_OPS, type FkAction, type ObjectOperation } from './ddl-objects.js';
import { columnOf, loadTable, type TableMeta } from './table-meta.js';

export { FK_ACTIONS } from './ddl-objects.js';

export interface ColumnSpec {
  name: string;
  type: string;
  nullable?: boolean;
  default?: DefaultSpec | null;
  primary_key?: boolean;
  unique?: boolean;
  identity?: 'always' | 'by_default';
  references?: { schema?: string; table: string; column: string; on_delete?: FkAction; on_update?: FkAction };
}

export interface ForeignKeySpec {
  columns: string[];
  references: { schema?: string; table: string; columns: string[] };
  on_delete?: FkAction;
  on_update?: FkAction;
}

interface Target { schema: string; table: string }

export type DdlOperation =
  | (Target & { op: 'create_table'; columns: ColumnSpec[]; primary_key?: string[]; foreign_keys?: ForeignKeySpec[]; enable_rls?: boolean })
  | (Target & { op: 'add_column'; column: ColumnSpec })
  | (Target & { op: 'rename_column'; column: string; new_name: string })
  | (Target & { op: 'alter_column_type'; column: string; type: string })
  | (Target & { op: 'set_default'; column: string; default: DefaultSpec | null })
  | (Target & { op: 'set_nullable'; column: string; nullable: boolean })
  | (Target & { op: 'drop_column'; column: string; cascade?: boolean })
  | (Target & { op: 'rename_table'; new_name: string })
  | (Target & { op: 'set_rls'; enabled: boolean })
  | (Target & { op: 'drop_table'; cascade?: boolean })
  | (Target & { op: 'truncate_table'; cascade?: boolean; restart_identity?: boolean })
  | ObjectOperation;

/** Postgres silently truncates longer names; refuse them instead. */
function checkName(name: string, what: string): string {
  if (name.trim() === '' || Buffer.byteLength(name) > 63 || name.includes('\u0000')) {
    throw badRequest('INVALID_NAME', `${what} "${name}" must be 1 to 63 bytes long`);
  }
  return name;
}

async function checkSchema(db: Queryable, schema: string): Promise<void> {
  const { rows } = await db.query(
    `SELECT 1 FROM pg_namespace n WHERE n.nspname = $1 AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'trestle') AND n.nspname NOT LIKE 'pg\\_%'`, [schema]);
  if (rows.length === 0) throw notFound('SCHEMA_NOT_FOUND', `Schema ${schema} does not exist`);
}

async function referenceSql(db: Queryable, ref: { schema?: string; table: string; columns: string[] }, self: Target & { columns?: string[] }): Promise<string> {
  const schema = ref.schema ?? self.schema;
  if (schema === self.schema && ref.table === self.table && self.columns) {
    for (const c of ref.columns) if (!self.columns.includes(c)) throw notFound('COLUMN_NOT_FOUND', `Column "${c}" is not one of the new table's columns`);
  } else {
    const meta = await loadTable(db, schema, ref.table);
    for (const c of ref.columns) columnOf(meta, c, 'referenced column');
  }
  return `REFERENCES ${qualified(schema, ref.table)} (${ref.columns.map(quoteIdent).join(', ')})`;
}

async function columnSql(db: Queryable, col: ColumnSpec, target: Target & { columns?: string[] }, inlinePk: boolean): Promise<string> {
  checkName(col.name, 'Column name');
  const type = await resolveType(db, col.type);
  const parts = [quoteIdent(col.name), type];
  if (col.identity) parts.push(`GENERATED ${col.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (col.default) parts.push(`DEFAULT ${await defaultSql(db, col.default, type)}`);
  if (col.nullable === false) parts.push('NOT NULL');
  if (inlinePk) parts.push('PRIMARY KEY');
  if (col.unique) parts.push('UNIQUE');
  if (col.references) {
    parts.push(await referenceSql(db, { ...col.references, columns: [col.references.column] }, target));
    parts.push(`ON DELETE ${action(col.references.on_delete)} ON UPDATE ${action(col.references.on_update)}`);
  }
  return parts.join(' ');
}

async function createTable(db: Queryable, op: Extract<DdlOperation, { op: 'create_table' }>): Promise<string[]> {
  await checkSchema(db, op.schema);
  checkName(op.table, 'Table name');
  if (op.columns.length === 0) throw badRequest('VALIDATION_ERROR', 'A table needs at least one column');
  const names = op.columns.map((c) => c.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw badRequest('DUPLICATE_COLUMN', `Column "${dup}" is listed twice`);
  const pk = op.primary_key ?? op.columns.filter((c) => c.primary_key).map((c) => c.name);
  for (const c of pk) if (!names.includes(c)) throw notFound('COLUMN_NOT_FOUND', `Primary key column "${c}" is not one of the columns`);
  const self = { schema: op.schema, table: op.table, columns: names };
  const lines: string[] = [];
  for (const col of op.columns) lines.push(await columnSql(db, { ...col, primary_key: false }, self, false));
  if (pk.length > 0) lines.push(`PRIMARY KEY (${pk.map(quoteIdent).join(', ')})`);
  for (const fk of op.foreign_keys ?? []) {
    for (const c of fk.columns) if (!names.includes(c)) throw notFound('COLUMN_NOT_FOUND', `Foreign key column "${c}" is not one of the columns`);
    if (fk.columns.length === 0 || fk.columns.length !== fk.references.columns.length) {
      throw badRequest('VALIDATION_ERROR', 'A foreign key needs as many referenced columns as columns');
    }
    lines.push(`FOREIGN KEY (${fk.columns.map(quoteIdent).join(', ')}) ${await referenceSql(db, fk.references, self)} ON DELETE ${action(fk.on_delete)} ON UPDATE ${action(fk.on_update)}`);
  }
  const table = qualified(op.schema, op.table);
  const statements = [`CREATE TABLE ${table} (\n  ${lines.join(',\n  ')}\n)`];
  if (op.enable_rls) statements.push(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  return statements;
}

async function existing(db: Queryable, op: Target): Promise<TableMeta> {
  return loadTable(db, op.schema, op.table);
}

/** The statements an operation runs, in order. Validation errors are 400/404 and nothing runs. */
export async function buildDdl(db: Queryable, op: DdlOperation): Promise<string[]> {
  if (op.op === 'create_table') return createTable(db, op);
  const meta = await existing(db, op);
  if (OBJECT_OPS.has(op.op)) return buildObjectDdl(db, meta, op as ObjectOperation);
  const table = qualified(meta.schema, meta.name);
  const isTable = meta.kind === 'table' || meta.kind === 'partitioned_table';
  const relation = meta.kind === 'view' ? 'VIEW' : meta.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : meta.kind === 'foreign_table' ? 'FOREIGN TABLE' : 'TABLE';
  if (!isTable && op.op !== 'drop_table' && op.op !== 'rename_table') {
    throw badRequest('NOT_A_TABLE', `${meta.schema}.${meta.name} is a ${meta.kind.replace('_', ' ')}; this change applies to tables only`);
  }
  const cascade = (c?: boolean) => (c ? ' CASCADE' : '');
  switch (op.op) {
    case 'add_column':
      return [`ALTER TABLE ${table} ADD COLUMN ${await columnSql(db, op.column, { schema: meta.schema, table: meta.name }, Boolean(op.column.primary_key))}`];
    case 'rename_column':
      columnOf(meta, op.column);
      return [`ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(op.column)} TO ${quoteIdent(checkName(op.new_name, 'Column name'))}`];
    case 'alter_column_type': {
      columnOf(meta, op.column);
      const type = await resolveType(db, op.type);
      const col = quoteIdent(op.column);
      return [`ALTER TABLE ${table} ALTER COLUMN ${col} TYPE ${type} USING ${col}::${type}`];
    }
    case 'set_default': {
      const col = columnOf(meta, op.column);
      if (op.default === null) return [`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(col.name)} DROP DEFAULT`];
      return [`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(col.name)} SET DEFAULT ${await defaultSql(db, op.default, col.type)}`];
    }
    case 'set_nullable': {
      const col = columnOf(meta, op.column);
      return [`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(col.name)} ${op.nullable ? 'DROP' : 'SET'} NOT NULL`];
    }
    case 'drop_column':
      columnOf(meta, op.column);
      return [`ALTER TABLE ${table} DROP COLUMN ${quoteIdent(op.column)}${cascade(op.cascade)}`];
    case 'rename_table':
      return [`ALTER ${relation} ${table} RENAME TO ${quoteIdent(checkName(op.new_name, 'Table name'))}`];
    case 'set_rls':
      return [`ALTER TABLE ${table} ${op.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`];
    case 'drop_table':
      return [`DROP ${relation} ${table}${cascade(op.cascade)}`];
    case 'truncate_table':
      return [`TRUNCATE TABLE ${table}${op.restart_identity ? ' RESTART IDENTITY' : ''}${cascade(op.cascade)}`];
    default:
      throw badRequest('VALIDATION_ERROR', `Unknown operation ${op.op}`);
  }
}

export const ddlText = (statements: string[]) => statements.map((s) => s + ';').join('\n');
