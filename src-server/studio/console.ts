// The SQL console's run: every statement of a script in one transaction (a lone statement in its own), each
// read through a cursor (row limit) by the shared /v1/sql executor, and every result set returned. Runs are
// registered by query id so another request can cancel them with pg_cancel_backend.
import crypto from 'node:crypto';
import type { Database } from '../db/database.js';
import { fromDatabaseError, isDatabaseError, positionToLineColumn } from '../db/pg-errors.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { executeStatement, resolveLimits, setStatementTimeout, type SqlColumn } from '../sql/execute.js';
import { jsonRow } from './json-values.js';
import { splitStatements } from './sql-tokens.js';

export interface ConsoleResult {
  statement_index: number;
  statement: string;
  command: string;
  columns: SqlColumn[];
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
  duration_ms: number;
}

export interface ConsoleRun {
  query_id: string;
  results: ConsoleResult[];
  duration_ms: number;
}

interface Running {
  pid: number;
  db: Database;
  cancelled: boolean;
}

/** The runs in progress, by query id. */
export class RunningQueries {
  private runs = new Map<string, Running>();

  start(queryId: string, pid: number, db: Database): Running {
    if (this.runs.has(queryId)) throw new ApiError(409, 'QUERY_ID_IN_USE', `A query with id ${queryId} is already running`);
    const run = { pid, db, cancelled: false };
    this.runs.set(queryId, run);
    return run;
  }

  finish(queryId: string, run: Running): void {
    if (this.runs.get(queryId) === run) this.runs.delete(queryId);
  }

  async cancel(queryId: string): Promise<{ query_id: string; cancelled: boolean }> {
    const run = this.runs.get(queryId);
    if (!run) throw notFound('QUERY_NOT_RUNNING', `No query with id ${queryId} is running`, { hint: 'It may have finished already' });
    run.cancelled = true;
    const { rows } = await run.db.query<{ ok: boolean }>('SELECT pg_cancel_backend($1) AS ok', [run.pid]);
    return { query_id: queryId, cancelled: rows[0]?.ok === true };
  }
}

export const newQueryId = () => crypto.randomUUID();

/** The error of a statement, pointing at its line and column in the whole script. */
function consoleError(err: unknown, sql: string, index: number, statementStart: number): unknown {
  if (!isDatabaseError(err)) return err;
  const base = fromDatabaseError(err);
  const position = err.position ? statementStart + Number(err.position) : null;
  const at = position ? positionToLineColumn(sql, position) : null;
  return new ApiError(base.statusCode, base.code, base.message, {
    hint: base.hint,
    detail: { statement_index: index, position, line: at?.line ?? null, column: at?.column ?? null, postgres_detail: err.detail ?? null },
  });
}

export async function runConsole(
  db: Database, running: RunningQueries,
  req: { sql: string; params?: unknown[]; row_limit?: number; timeout?: number; query_id?: string },
): Promise<ConsoleRun> {
  const { rowLimit, timeoutMs } = resolveLimits({ rowLimit: req.row_limit, timeoutMs: req.timeout });
  const statements = splitStatements(req.sql);
  if (statements.length === 0) throw badRequest('EMPTY_QUERY', 'The SQL contains no statement');
  const params = req.params ?? [];
  if (params.length > 0 && statements.length > 1) {
    throw badRequest('VALIDATION_ERROR', 'params can only be used with a single statement', { detail: { statements: statements.length } });
  }
  const queryId = req.query_id ?? newQueryId();
  const started = performance.now();
  return db.scriptSession(async (client) => {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const run = running.start(queryId, rows[0].pid, db);
    try {
      if (statements.length > 1) {
        await client.query('BEGIN');
        await setStatementTimeout(client, timeoutMs);
      } else {
        // One statement runs in its own implicit transaction, so VACUUM or CREATE INDEX CONCURRENTLY work too.
        await client.query(`SELECT set_config('statement_timeout', $1, false)`, [String(timeoutMs)]);
      }
      const results: ConsoleResult[] = [];
      for (const [index, stmt] of statements.entries()) {
        if (run.cancelled) throw new ApiError(504, '57014', 'canceling statement due to user request', { detail: { statement_index: index } });
        const t0 = performance.now();
        let result;
        try {
          result = await executeStatement(client, db.name, { sql: stmt.text, params: params.length ? params : undefined }, rowLimit);
        } catch (err) {
          throw consoleError(err, req.sql, index, stmt.start);
        }
        results.push({
          statement_index: index, statement: stmt.text, command: result.command, columns: result.columns,
          rows: result.rows.map(jsonRow), rowCount: result.rowCount, truncated: result.truncated,
          duration_ms: Math.round((performance.now() - t0) * 100) / 100,
        });
      }
      // A script may COMMIT and open another transaction itself; what it leaves open commits with it.
      if (client.getTransactionStatus() === 'T') await client.query('COMMIT');
      return { query_id: queryId, results, duration_ms: Math.round(performance.now() - started) };
    } finally {
      running.finish(queryId, run);
    }
  });
}

/** Whether a run's commands may have changed something (for the audit log). */
export function mutatingCommands(results: ConsoleResult[]): string[] {
  const readOnly = new Set(['SELECT', 'SHOW', 'EXPLAIN', 'VALUES', 'TABLE', 'FETCH', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SET', 'RESET']);
  return [...new Set(results.map((r) => r.command).filter((c) => !readOnly.has(c)))];
}
