// Applies one migration to a database: the SQL and its history row in one transaction, serialised with any other
// migration of that database. An applied name (or version) with the same SQL is a no-op; with other SQL, a 409.
import type pg from 'pg';
import type { Database } from '../db/database.js';
import { fromDatabaseError, isDatabaseError } from '../db/pg-errors.js';
import { ApiError } from '../errors.js';
import { splitStatements } from '../sql/split.js';
import { migrationErrors } from './errors.js';
import { ensureHistory, listApplied, nextVersion, recordApplied, sha256, type AppliedMigration } from './history.js';

export interface MigrationInput {
  name: string;
  sql: string;
  /** From a file name; without it a name identifies the migration and a version is made up. */
  version?: string;
  /** A checksum the caller computed: the SQL must hash to it. */
  checksum?: string;
}

export interface ApplyResult {
  migration: AppliedMigration;
  /** False when it had been applied before (same SQL): nothing ran. */
  applied: boolean;
}

/** One key for every database: each database's advisory locks are its own. */
const MIGRATION_LOCK = 7_461_080;
const RESET_SESSION = 'RESET ALL; RESET SESSION AUTHORIZATION; RESET ROLE';

const TRANSACTION_CONTROL = /^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\s+TRANSACTION)\b/i;
const stripComments = (s: string) => s.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim();

/**
 * The statements to run. A migration runs in a transaction of its own, so a file wrapped in BEGIN … COMMIT (as
 * some tools write them) runs without the wrapper; any other transaction control would end Trestle's transaction.
 */
export function migrationBody(sql: string): string {
  const parts = splitStatements(sql);
  const first = stripComments(parts[0] ?? '');
  const last = stripComments(parts[parts.length - 1] ?? '');
  const wrapped = parts.length >= 2 && /^(BEGIN|START\s+TRANSACTION)\b/i.test(first) && /^(COMMIT|END)\b/i.test(last);
  const body = wrapped ? parts.slice(1, -1) : parts;
  if (body.some((p) => TRANSACTION_CONTROL.test(stripComments(p)))) throw migrationErrors.transactionControl();
  return body.join(';') + (body.length ? ';' : '');
}

function findExisting(history: AppliedMigration[], input: MigrationInput): AppliedMigration | undefined {
  if (input.version !== undefined) return history.find((m) => m.version === input.version);
  return [...history].reverse().find((m) => m.name === input.name);
}

async function inTransaction<T>(c: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  try {
    const result = await fn();
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export async function applyMigration(db: Database, input: MigrationInput, actor: string, now = new Date()): Promise<ApplyResult> {
  const checksum = sha256(input.sql);
  if (input.checksum !== undefined && input.checksum.toLowerCase() !== checksum) throw migrationErrors.checksumInvalid(input.checksum, checksum);
  const body = migrationBody(input.sql);
  if (splitStatements(body).length === 0) throw migrationErrors.emptySql();
  return db.withClient((c) => inTransaction(c, async () => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await ensureHistory(c);
    const history = await listApplied(c);
    const existing = findExisting(history, input);
    if (existing) {
      if (existing.checksum !== null && existing.checksum !== checksum) throw migrationErrors.checksumMismatch(existing.name, existing.version, existing.checksum, checksum);
      return { migration: existing, applied: false };
    }
    const version = input.version ?? nextVersion(history.map((m) => m.version), now);
    try {
      await c.query(body);
    } catch (err) {
      if (isDatabaseError(err)) throw migrationErrors.failed(input.name, fromDatabaseError(err));
      throw err;
    }
    await c.query(RESET_SESSION);
    await recordApplied(c, { version, name: input.name, statements: splitStatements(body).map((s) => s.trim()), checksum, actor });
    const migration = (await listApplied(c)).find((m) => m.version === version);
    if (!migration) throw new ApiError(500, 'MIGRATION_NOT_RECORDED', 'The migration ran but its history row is missing');
    return { migration, applied: true };
  }));
}

/** Records a migration as applied without running it (the branch a promotion came from already has its schema). */
export async function markApplied(db: Database, m: { version: string; name: string; sql: string }, actor: string): Promise<void> {
  await db.withClient((c) => inTransaction(c, async () => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await ensureHistory(c);
    if ((await listApplied(c)).some((h) => h.version === m.version)) return;
    await recordApplied(c, { version: m.version, name: m.name, statements: splitStatements(m.sql).map((s) => s.trim()), checksum: sha256(m.sql), actor });
  }));
}
