// Runs the seed file (seed.sql) on a database in one transaction: rows for a fresh branch to work with.
import fs from 'node:fs/promises';
import type { Database } from '../db/database.js';
import { fromDatabaseError, isDatabaseError } from '../db/pg-errors.js';
import { ApiError } from '../errors.js';
import { splitStatements } from '../sql/split.js';
import { migrationErrors } from './errors.js';

export async function runSeed(db: Database, file: string): Promise<{ file: string; statements: number; duration_ms: number }> {
  const sql = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw migrationErrors.seedMissing(file);
    throw new ApiError(400, 'SEED_UNREADABLE', `The seed file ${file} cannot be read: ${err.message}`);
  });
  const statements = splitStatements(sql).length;
  const t0 = performance.now();
  await db.transaction(async (c) => {
    try {
      await c.query(sql);
      await c.query('RESET ALL; RESET SESSION AUTHORIZATION; RESET ROLE');
    } catch (err) {
      if (!isDatabaseError(err)) throw err;
      const cause = fromDatabaseError(err);
      throw new ApiError(cause.statusCode, cause.code, `The seed failed: ${cause.message}`, { detail: cause.detail, hint: 'Nothing was inserted: the seed runs in one transaction' });
    }
  });
  return { file, statements, duration_ms: Math.round(performance.now() - t0) };
}
