// /v1/sql and /v1/sql/transaction on the active database, each call audited (statement text, never params).
import type { TrestleContext } from '../../context.js';
import { audited, type AuditedRequest } from '../../services/audit.js';
import { runSql, runSqlIn, runSqlTransaction, runSqlTransactionIn, type SqlOptions, type SqlResult, type SqlStatement } from '../../sql/execute.js';

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
   * With the control database active, statement and audit entry share one transaction (audited()); with a branch
   * active the audit log (in the control database) is written right after the statement committed.
   */
  private async run<T>(who: AuditedRequest, statements: SqlStatement[], inTx: (client: import('pg').PoolClient, db: string) => Promise<T>, alone: () => Promise<T>): Promise<T> {
    const db = this.ctx.databases.active;
    if (db === this.ctx.databases.control) return audited(db, this.ctx.audit, who, () => this.entry(statements), (c) => inTx(c, db.name));
    const result = await alone();
    await this.ctx.audit.record({ ...this.entry(statements), actor: who.actor, requestId: who.id });
    return result;
  }

  execute(who: AuditedRequest, stmt: SqlStatement, opts: SqlOptions): Promise<SqlResult> {
    return this.run(who, [stmt], (c, db) => runSqlIn(c, db, stmt, opts), () => runSql(this.ctx.databases.active, stmt, opts));
  }

  transaction(who: AuditedRequest, statements: SqlStatement[], opts: SqlOptions): Promise<SqlResult[]> {
    return this.run(who, statements, (c, db) => runSqlTransactionIn(c, db, statements, opts),
      () => runSqlTransaction(this.ctx.databases.active, statements, opts));
  }
}
