// A pg pool per database with a gate: callers can pause new work and drain connections (template copies need that).
import pg from 'pg';
import { ApiError } from '../errors.js';
import { DrainGate } from './drain-gate.js';

// Return int8 and numeric as JS numbers would lose precision: keep int8 as string like PostgREST's JSON does not,
// but counts are cast to int in our own queries. Dates stay as strings so they round-trip exactly.
pg.types.setTypeParser(1082, (v) => v); // date
pg.types.setTypeParser(1114, (v) => v); // timestamp
pg.types.setTypeParser(1184, (v) => v); // timestamptz
pg.types.setTypeParser(1083, (v) => v); // time
pg.types.setTypeParser(1266, (v) => v); // timetz

export type QueryParams = unknown[];

/**
 * DISCARD ALL minus DEALLOCATE ALL: the REST engine keeps named prepared statements on pooled connections, so they
 * must survive; everything a script can leave behind in its session (settings, role, temp tables, cursors, LISTENs,
 * advisory locks) is reset.
 */
export const RESET_SCRIPT_SESSION = 'CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES';

/** Anything that runs a query: a Database, a pool client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

export class Database implements Queryable {
  private pool: pg.Pool;
  private readonly gate = new DrainGate();
  /** Clients whose session could not be cleaned: closed instead of returned to the pool. */
  private readonly discard = new WeakSet<pg.PoolClient>();

  /** Callers without priority (anon/authenticated requests) in flight, and those waiting for a share. */
  private shared = 0;
  private sharedWaiters: Array<() => void> = [];
  private readonly sharedLimit: number;

  /** `reserved`: connections kept for priority callers (service_role), so a flood of user requests cannot take them all. */
  constructor(readonly url: string, readonly name: string, private readonly poolSize = 10, opts: { reserved?: number } = {}) {
    this.sharedLimit = Math.max(1, poolSize - (opts.reserved ?? 0));
    this.pool = this.createPool();
  }

  private createPool(): pg.Pool {
    const pool = new pg.Pool({ connectionString: this.url, max: this.poolSize, idleTimeoutMillis: 30_000, application_name: 'trestle' });
    // An idle client losing its connection (Postgres restart) must not crash the process.
    pool.on('error', () => undefined);
    return pool;
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: QueryParams): Promise<pg.QueryResult<R>> {
    await this.gate.enter();
    try {
      return await this.pool.query<R>(sql, params as unknown[]);
    } finally {
      this.gate.leave();
    }
  }

  async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>, opts: { priority?: boolean } = { priority: true }): Promise<T> {
    if (opts.priority) return this.withPooledClient(fn);
    while (this.shared >= this.sharedLimit) await new Promise<void>((resolve) => this.sharedWaiters.push(resolve));
    this.shared++;
    try {
      return await this.withPooledClient(fn);
    } finally {
      this.shared--;
      this.sharedWaiters.shift()?.();
    }
  }

  private async withPooledClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const entering = this.gate.enter();
    if (entering) await entering;
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      this.gate.leave();
      throw new ApiError(503, 'DATABASE_UNAVAILABLE', 'The database is not reachable right now', { detail: (err as Error).message });
    }
    let broken: Error | undefined;
    // A checked-out client has no error listener of the pool's: a connection that dies between (or right after) its
    // queries would otherwise throw an uncaught 'error' event (seen when Postgres is killed mid-pipeline).
    const onError = (err: Error) => void (broken ??= err);
    client.on('error', onError);
    try {
      return await fn(client);
    } catch (err) {
      if (!(err instanceof ApiError) && !(typeof err === 'object' && err && 'severity' in err)) broken = err as Error;
      throw err;
    } finally {
      client.off('error', onError);
      if (this.discard.delete(client)) broken ??= new Error('session could not be reset');
      client.release(broken);
      this.gate.leave();
    }
  }

  /**
   * A connection for a user's script (/v1/sql, the SQL console), which may COMMIT, open transactions, SET SESSION
   * AUTHORIZATION, LISTEN or take advisory locks: whatever is left open is rolled back and the session reset before
   * the connection goes back to the pool; a connection that cannot be reset is closed instead.
   */
  async scriptSession<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      try {
        return await fn(client);
      } finally {
        try {
          if (client.getTransactionStatus() !== 'I') await client.query('ROLLBACK');
          await client.query(RESET_SCRIPT_SESSION);
        } catch {
          this.discard.add(client);
        }
      }
    });
  }

  /** BEGIN … COMMIT around fn; ROLLBACK on any error. `begin` may add set-up to the BEGIN round trip (simple protocol). */
  async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return this.withClient(async (client) => {
      await client.query(begin);
      try {
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /** Stop admitting work, wait for what is running, close every connection. Returns a function that resumes. */
  pauseAndDrain(): Promise<() => void> {
    return this.gate.pauseAndDrain(async () => {
      const old = this.pool;
      this.pool = this.createPool();
      await old.end();
    });
  }

  get stats() {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount, inFlight: this.gate.running };
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
