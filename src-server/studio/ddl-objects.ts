// The table definition panel's changes beyond columns: constraints, indexes, triggers, RLS policies and a view's
// security_invoker option. Names come from the catalog or go through quoteIdent; expressions through ddl-expressions.
import type { Queryable } from '../db/database.js';
import { qualified, quoteIdent } from '../db/quote.js';
import { badRequest, notFound } from '../errors.js';
import { booleanExpression } from './ddl-expressions.js';
import { columnOf, loadTable, type TableMeta } from './table-meta.js';

import type { ConstraintSpec, FkAction, IndexMethod, ObjectOperation, PolicyCommand, PolicySpec } from './ddl-spec-types.js';

export type { ConstraintSpec, FkAction, IndexSpec, ObjectOperation, PolicySpec } from './ddl-spec-types.js';

export const FK_ACTIONS: readonly FkAction[] = ['no action', 'restrict', 'cascade', 'set null', 'set default'];
export const INDEX_METHODS: readonly IndexMethod[] = ['btree', 'hash', 'gin', 'gist', 'brin'];
export const POLICY_COMMANDS: readonly PolicyCommand[] = ['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE'];

export const OBJECT_OPS = new Set(['add_constraint', 'drop_constraint', 'create_index', 'drop_index', 'set_trigger_enabled', 'create_policy', 'replace_policy', 'drop_policy', 'set_security_invoker']);

export const fkAction = (a: FkAction | undefined) => (a ? a.toUpperCase() : 'NO ACTION');

function checkName(name: string, what: string): string {
  if (name.trim() === '' || Buffer.byteLength(name) > 63 || name.includes('\u0000')) throw badRequest('INVALID_NAME', `${what} "${name}" must be 1 to 63 bytes long`);
  return name;
}

const columnList = (meta: TableMeta, columns: string[] | undefined, what: string) => {
  if (!columns?.length) throw badRequest('VALIDATION_ERROR', `${what} needs at least one column`);
  return columns.map((c) => quoteIdent(columnOf(meta, c).name)).join(', ');
};

async function exists(db: Queryable, sql: string, params: unknown[]): Promise<boolean> {
  return (await db.query(sql, params)).rows.length > 0;
}

async function constraintSql(db: Queryable, meta: TableMeta, c: ConstraintSpec): Promise<string> {
  const name = c.name ? `CONSTRAINT ${quoteIdent(checkName(c.name, 'Constraint name'))} ` : '';
  switch (c.kind) {
    case 'primary_key':
      return `${name}PRIMARY KEY (${columnList(meta, c.columns, 'A primary key')})`;
    case 'unique':
      return `${name}UNIQUE (${columnList(meta, c.columns, 'A unique constraint')})`;
    case 'check':
      return `${name}CHECK (${await booleanExpression(db, meta, c.expression ?? '', 'CHECK expression')})`;
    case 'foreign_key': {
      if (!c.references) throw badRequest('VALIDATION_ERROR', 'A foreign key needs the referenced table and columns');
      const cols = columnList(meta, c.columns, 'A foreign key');
      const ref = await loadTable(db, c.references.schema ?? meta.schema, c.references.table);
      const refCols = columnList(ref, c.references.columns, 'The referenced key');
      if (c.references.columns.length !== c.columns!.length) throw badRequest('VALIDATION_ERROR', 'A foreign key needs as many referenced columns as columns');
      return `${name}FOREIGN KEY (${cols}) REFERENCES ${qualified(ref.schema, ref.name)} (${refCols}) ON DELETE ${fkAction(c.on_delete)} ON UPDATE ${fkAction(c.on_update)}`;
    }
  }
}

async function rolesSql(db: Queryable, roles: string[]): Promise<string> {
  if (roles.length === 0) return 'PUBLIC';
  const named = roles.filter((r) => r.toLowerCase() !== 'public');
  const { rows } = await db.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])', [named]);
  const missing = named.filter((r) => !rows.some((x) => x.rolname === r));
  if (missing.length) throw notFound('ROLE_NOT_FOUND', `Role ${missing.map((m) => `"${m}"`).join(', ')} does not exist`);
  return roles.map((r) => (r.toLowerCase() === 'public' ? 'PUBLIC' : quoteIdent(r))).join(', ');
}

async function policySql(db: Queryable, meta: TableMeta, p: PolicySpec): Promise<string> {
  const parts = [`CREATE POLICY ${quoteIdent(checkName(p.name, 'Policy name'))} ON ${qualified(meta.schema, meta.name)}`];
  parts.push(`AS ${p.permissive === false ? 'RESTRICTIVE' : 'PERMISSIVE'}`, `FOR ${p.command}`, `TO ${await rolesSql(db, p.roles)}`);
  const using = p.using?.trim() ? p.using : null;
  const check = p.with_check?.trim() ? p.with_check : null;
  if (using && p.command === 'INSERT') throw badRequest('VALIDATION_ERROR', 'An INSERT policy takes only WITH CHECK', { hint: 'USING filters rows that already exist; INSERT has none' });
  if (check && (p.command === 'SELECT' || p.command === 'DELETE')) throw badRequest('VALIDATION_ERROR', `A ${p.command} policy takes only USING`);
  if (!using && !check) throw badRequest('VALIDATION_ERROR', 'A policy needs a USING or WITH CHECK expression');
  if (using) parts.push(`USING (${await booleanExpression(db, meta, using, 'USING expression')})`);
  if (check) parts.push(`WITH CHECK (${await booleanExpression(db, meta, check, 'WITH CHECK expression')})`);
  return parts.join('\n  ');
}

async function policyExists(db: Queryable, meta: TableMeta, name: string): Promise<void> {
  if (!await exists(db, 'SELECT 1 FROM pg_policy WHERE polrelid = $1 AND polname = $2', [meta.oid, name])) {
    throw notFound('POLICY_NOT_FOUND', `Policy "${name}" does not exist on ${meta.schema}.${meta.name}`);
  }
}

/** The statements of a constraint, index, trigger, policy or view-option change. */
export async function buildObjectDdl(db: Queryable, meta: TableMeta, op: ObjectOperation): Promise<string[]> {
  const table = qualified(meta.schema, meta.name);
  if (op.op === 'set_security_invoker') {
    if (meta.kind !== 'view') throw badRequest('NOT_A_VIEW', `${meta.schema}.${meta.name} is not a view`);
    return [`ALTER VIEW ${table} SET (security_invoker = ${op.enabled ? 'true' : 'false'})`];
  }
  if (meta.kind !== 'table' && meta.kind !== 'partitioned_table' && !(op.op === 'create_index' && meta.kind === 'materialized_view')) {
    throw badRequest('NOT_A_TABLE', `${meta.schema}.${meta.name} is a ${meta.kind.replace('_', ' ')}; this change applies to tables only`);
  }
  switch (op.op) {
    case 'add_constraint':
      return [`ALTER TABLE ${table} ADD ${await constraintSql(db, meta, op.constraint)}`];
    case 'drop_constraint':
      if (!await exists(db, 'SELECT 1 FROM pg_constraint WHERE conrelid = $1 AND conname = $2', [meta.oid, op.name])) {
        throw notFound('CONSTRAINT_NOT_FOUND', `Constraint "${op.name}" does not exist on ${meta.schema}.${meta.name}`);
      }
      return [`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(op.name)}${op.cascade ? ' CASCADE' : ''}`];
    case 'create_index': {
      const i = op.index;
      const method = i.method ?? 'btree';
      if (!(INDEX_METHODS as readonly string[]).includes(method)) throw badRequest('VALIDATION_ERROR', `Index method must be one of ${INDEX_METHODS.join(', ')}`);
      const name = i.name ? `${quoteIdent(checkName(i.name, 'Index name'))} ` : '';
      const where = i.where?.trim() ? ` WHERE ${await booleanExpression(db, meta, i.where, 'Index predicate')}` : '';
      return [`CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${name}ON ${table} USING ${method} (${columnList(meta, i.columns, 'An index')})${where}`];
    }
    case 'drop_index': {
      const { rows } = await db.query<{ constraint: string | null }>(
        `SELECT (SELECT conname FROM pg_constraint WHERE conindid = i.indexrelid) AS constraint
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1 AND c.relname = $2`, [meta.oid, op.name]);
      if (!rows[0]) throw notFound('INDEX_NOT_FOUND', `Index "${op.name}" does not exist on ${meta.schema}.${meta.name}`);
      if (rows[0].constraint) throw badRequest('INDEX_OF_CONSTRAINT', `Index "${op.name}" belongs to constraint "${rows[0].constraint}"`, { hint: 'Drop the constraint instead' });
      return [`DROP INDEX ${qualified(meta.schema, op.name)}`];
    }
    case 'set_trigger_enabled':
      if (!await exists(db, 'SELECT 1 FROM pg_trigger WHERE tgrelid = $1 AND tgname = $2 AND NOT tgisinternal', [meta.oid, op.name])) {
        throw notFound('TRIGGER_NOT_FOUND', `Trigger "${op.name}" does not exist on ${meta.schema}.${meta.name}`);
      }
      return [`ALTER TABLE ${table} ${op.enabled ? 'ENABLE' : 'DISABLE'} TRIGGER ${quoteIdent(op.name)}`];
    case 'create_policy':
      return [await policySql(db, meta, op.policy)];
    case 'replace_policy':
      await policyExists(db, meta, op.name);
      return [`DROP POLICY ${quoteIdent(op.name)} ON ${table}`, await policySql(db, meta, op.policy)];
    case 'drop_policy':
      await policyExists(db, meta, op.name);
      return [`DROP POLICY ${quoteIdent(op.name)} ON ${table}`];
  }
}
