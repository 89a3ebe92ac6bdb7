// Short-lived superuser connections to the maintenance database: CREATE/DROP/ALTER DATABASE must not run
// from a connection to the database being copied, renamed or dropped.
import pg from 'pg';
import type { TrestleContext } from '../context.js';

const MAINTENANCE_DATABASES = ['postgres', 'template1'];

export async function withAdmin<T>(ctx: TrestleContext, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  let lastError: Error | undefined;
  for (const database of MAINTENANCE_DATABASES) {
    const client = new pg.Client({ connectionString: ctx.postgres.localUrl(database), application_name: 'trestle-admin' });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (err) {
      lastError = err as Error;
      continue;
    }
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw lastError ?? new Error('no maintenance database reachable');
}

/** A plain client on one database, for work that must not go through the gated pools (restore, dump). */
export async function withDirect<T>(ctx: TrestleContext, database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ctx.postgres.localUrl(database), application_name: 'trestle-admin' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function databaseExists(client: pg.ClientBase, name: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length > 0;
}

export async function databaseSize(client: pg.ClientBase, name: string): Promise<number | null> {
  const { rows } = await client.query<{ size: string | null }>(
    'SELECT pg_database_size(oid)::text AS size FROM pg_database WHERE datname = $1', [name]);
  return rows[0]?.size == null ? null : Number(rows[0].size);
}
