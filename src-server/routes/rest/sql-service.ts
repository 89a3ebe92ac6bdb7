// /v1/sql and /v1/sql/transaction on the active database, each call audited (statement text, never params).
import type { TrestleContext } from '../../context.js';
import type pg from 'pg';
import type { AuditedRequest } from '../../services/audit.js';
import { runSqlIn, runSqlTransactionIn, type SqlOptions, type SqlResult, type SqlStatement } from '../../sql/execute.js';

const MAX_AUDITED_SQL = 10_000;
const clip = (sql: string) => (sql.length > MAX_AUDITED_SQL ? sql.slice(0, MAX_AUDITED_SQL) + '…' : sql);

export class SqlService {
  constructor(private readonly ctx: TrestleContext) {}

  private entry(statements: SqlStatement[]) {
    return {
      action: statements.length === 1 ? 'sql.execute' : 'sql.transaction', resourceType: 'sql',
      detail: { statements: statements.map((s) => clip(s.sql)), database: this.ctx.databases.activeDatabaseName },
    };
  }

  /**
   * On a script session (reset afterwards, whatever the SQL did). With the control database active, statement and
   * audit entry share one transaction; with a branch active the audit log (in the control database) is written right
   * after the statement committed.
   */
  private async run<T>(who: AuditedRequest, statements: SqlStatement[], inTx: (client: pg.PoolClient, db: string) => Promise<T>): Promise<T> {
    const db = this.ctx.databases.active;
    const sameDatabase = db === this.ctx.databases.control;
    const entry = { ...this.entry(statements), actor: who.actor, requestId: who.id };
    const result = await db.scriptSession(async (client) => {
      await client.query('BEGIN');
      const r = await inTx(client, db.name);
      if (sameDatabase) await this.ctx.audit.record(entry, client);
      await client.query('COMMIT');
      return r;
    });
    if (!sameDatabase) await this.ctx.audit.record(entry);
    return result;
  }

  execute(who: AuditedRequest, stmt: SqlStatement, opts: SqlOptions): Promise<SqlResult> {
    return this.run(who, [stmt], (c, db) => runSqlIn(c, db, stmt, opts));
  }

  transaction(who: AuditedRequest, statements: SqlStatement[], opts: SqlOptions): Promise<SqlResult[]> {
    return this.run(who, statements, (c, db) => runSqlTransactionIn(c, db, statements, opts));
  }
}
