// Runs client SQL with limits: rows read through a cursor (row_limit), statement_timeout per transaction, typed columns.
import type pg from 'pg';
import Cursor from 'pg-cursor';
import { fromDatabaseError, isDatabaseError } from '../db/pg-errors.js';
import { ApiError } from '../errors.js';
import { splitStatements } from './split.js';

export const SQL_LIMITS = { defaultRows: 1000, maxRows: 10_000, defaultTimeoutMs: 10_000, maxTimeoutMs: 60_000 } as const;

export interface SqlColumn {
  name: string;
  dataTypeID: number;
  typeName: string;
}

export interface SqlResult {
  rows: Record<string, unknown>[];
  rowCount: number;
  columns: SqlColumn[];
  command: string;
  truncated: boolean;
}

export interface SqlStatement {
  sql: string;
  params?: unknown[];
}

export interface SqlOptions {
  rowLimit?: number;
  timeoutMs?: number;
}

function checkRange(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ApiError(400, 'VALIDATION_ERROR', `${name} must be an integer between 1 and ${max}`);
  }
  return value;
}

export function resolveLimits(opts: SqlOptions): { rowLimit: number; timeoutMs: number } {
  return {
    rowLimit: checkRange('row_limit', opts.rowLimit, SQL_LIMITS.defaultRows, SQL_LIMITS.maxRows),
    timeoutMs: checkRange('timeout', opts.timeoutMs, SQL_LIMITS.defaultTimeoutMs, SQL_LIMITS.maxTimeoutMs),
  };
}

/** Client SQL may SET ROLE or other session settings; they must not outlive the call on a pooled connection. */
const RESET_SESSION = 'RESET ALL; RESET SESSION AUTHORIZATION; RESET ROLE';

/** typname by type oid, per database; unknown oids are looked up once and remembered. */
const typeNameCaches = new Map<string, Map<number, string>>();

async function typeNames(client: pg.ClientBase, database: string, oids: number[]): Promise<Map<number, string>> {
  let cache = typeNameCaches.get(database);
  if (!cache) typeNameCaches.set(database, (cache = new Map()));
  const missing = [...new Set(oids)].filter((oid) => !cache.has(oid));
  if (missing.length > 0) {
    const { rows } = await client.query<{ oid: number; typname: string }>(
      'SELECT oid::int AS oid, typname FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])', [missing]);
    for (const r of rows) cache.set(r.oid, r.typname);
  }
  return cache;
}

export async function setStatementTimeout(client: pg.ClientBase, timeoutMs: number): Promise<void> {
  await client.query("SELECT set_config('statement_timeout', $1, true)", [String(timeoutMs)]);
}

function readCursor(cursor: Cursor, count: number): Promise<{ rows: Record<string, unknown>[]; result: pg.QueryResult }> {
  return new Promise((resolve, reject) => {
    cursor.read(count, (err, rows, result) => (err ? reject(err) : resolve({ rows, result: result as unknown as pg.QueryResult })));
  });
}

/** One statement through a cursor: at most rowLimit rows are read from the server, one more tells us it was cut. */
async function runCursor(client: pg.ClientBase, database: string, sql: string, params: unknown[] | undefined, rowLimit: number): Promise<SqlResult> {
  const cursor = client.query(new Cursor(sql, params as unknown[]));
  let rows: Record<string, unknown>[];
  let result: pg.QueryResult;
  try {
    ({ rows, result } = await readCursor(cursor, rowLimit + 1));
  } finally {
    await cursor.close().catch(() => undefined);
  }
  const truncated = rows.length > rowLimit;
  if (truncated) rows = rows.slice(0, rowLimit);
  const fields = result.fields ?? [];
  const names = await typeNames(client, database, fields.map((f) => f.dataTypeID));
  const command = result.command ?? 'SELECT';
  return {
    rows,
    rowCount: fields.length > 0 ? rows.length : (result.rowCount ?? 0),
    columns: fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID, typeName: names.get(f.dataTypeID) ?? 'unknown' })),
    command,
    truncated,
  };
}

/**
 * Runs a statement (or several, without params: each but the last with the simple protocol, the last through a
 * cursor, whose result is returned). The caller owns the transaction and the timeout.
 */
export async function executeStatement(client: pg.ClientBase, database: string, stmt: SqlStatement, rowLimit: number): Promise<SqlResult> {
  const parts = splitStatements(stmt.sql);
  if (parts.length === 0) throw new ApiError(400, 'VALIDATION_ERROR', 'sql is empty');
  const hasParams = (stmt.params?.length ?? 0) > 0;
  if (parts.length > 1 && hasParams) {
    throw new ApiError(400, 'VALIDATION_ERROR', 'Several statements cannot be combined with params', { hint: 'Send one statement per request, or use /v1/sql/transaction' });
  }
  for (const part of parts.slice(0, -1)) await client.query(part);
  return runCursor(client, database, parts[parts.length - 1], hasParams ? stmt.params : undefined, rowLimit);
}

/** /v1/sql (and the dashboard console) inside a transaction the caller opened: timeout, then the statement(s). */
export async function runSqlIn(client: pg.ClientBase, database: string, stmt: SqlStatement, opts: SqlOptions): Promise<SqlResult> {
  const { rowLimit, timeoutMs } = resolveLimits(opts);
  await setStatementTimeout(client, timeoutMs);
  const result = await executeStatement(client, database, stmt, rowLimit);
  await client.query(RESET_SESSION);
  return result;
}


/** The error of a failed statement inside a transaction, naming its index; the transaction is rolled back. */
function statementError(index: number, err: unknown): unknown {
  const base = err instanceof ApiError ? err : isDatabaseError(err) ? fromDatabaseError(err) : null;
  if (!base) return err;
  return new ApiError(base.statusCode, base.code, `Statement ${index} failed: ${base.message}`, {
    detail: { statement_index: index, detail: base.detail }, hint: base.hint, headers: base.headers,
  });
}

/** 1–20 statements, all or nothing; a failure names the failing statement's index. */
export async function runSqlTransactionIn(client: pg.ClientBase, database: string, statements: SqlStatement[], opts: SqlOptions): Promise<SqlResult[]> {
  if (statements.length < 1 || statements.length > 20) throw new ApiError(400, 'VALIDATION_ERROR', 'statements must hold 1 to 20 statements');
  const { rowLimit, timeoutMs } = resolveLimits(opts);
  await setStatementTimeout(client, timeoutMs);
  const results: SqlResult[] = [];
  for (const [index, stmt] of statements.entries()) {
    try {
      results.push(await executeStatement(client, database, stmt, rowLimit));
    } catch (err) {
      throw statementError(index, err);
    }
  }
  await client.query(RESET_SESSION);
  return results;
}

