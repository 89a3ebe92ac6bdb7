// Short-lived superuser connections to one test database: nothing stays connected (branches copy databases as
// templates, which needs them free of connections).
import pg from 'pg';
import { urlFor } from './app.js';

export async function withDb<T>(database: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: urlFor(database) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** One query's rows. */
export function queryDb<R extends pg.QueryResultRow = pg.QueryResultRow>(database: string, sql: string, params: unknown[] = []): Promise<R[]> {
  return withDb(database, async (c) => (await c.query<R>(sql, params)).rows);
}
