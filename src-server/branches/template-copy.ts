// Makes a source database free of connections for a template copy or rename: Trestle's own pools and listener on
// it are paused and drained (requests arriving meanwhile wait, then continue), other clients are refused or ended.
import type pg from 'pg';
import type { TrestleContext } from '../context.js';
import { ApiError } from '../errors.js';
import { withAdmin, databaseSize } from './admin.js';
import { CopyMethodChooser, type CopyMethod } from './copy-method.js';

export interface ForeignConnection {
  pid: number;
  application_name: string;
  client_addr: string | null;
  usename: string | null;
  state: string | null;
  backend_start: string | null;
}

export interface CopyResult {
  method: CopyMethod;
  duration_ms: number;
  terminated: ForeignConnection[];
}

// Names Trestle's own pools and listener use: their backends may take a moment to exit after the pool closes.
const OWN_APPLICATIONS = ['trestle', 'trestle-listener'];
const OWN_EXIT_WAIT_MS = 3_000;

export class TemplateCopier {
  readonly methods = new CopyMethodChooser();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: TrestleContext) {}

  /** One template operation at a time: two copies would each hold the other's source open. */
  serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs fn on an admin connection while nobody is connected to `databases`. Trestle's own connections are
   * paused for that time; foreign ones cause 409 TEMPLATE_IN_USE unless terminateConnections is set.
   */
  async withDatabasesFree<T>(databases: string[], opts: { terminateConnections?: boolean },
    fn: (admin: pg.Client, terminated: ForeignConnection[]) => Promise<T>, before?: (admin: pg.Client) => Promise<void>): Promise<T> {
    // The admin connection is opened before pausing, so its set-up time is not spent while requests wait.
    return withAdmin(this.ctx, async (admin) => {
      await before?.(admin);
      const resumers: Array<() => unknown> = [];
      try {
        for (const name of databases) resumers.push(await this.ctx.databases.pauseAndDrain(name));
        for (const listener of [this.ctx.listener, this.ctx.activeListener]) {
          if (databases.includes(listener.database)) resumers.push(await listener.pause());
        }
        const foreign = await this.foreignConnections(admin, databases);
        let terminated: ForeignConnection[] = [];
        if (foreign.length > 0) {
          if (!opts.terminateConnections) {
            throw new ApiError(409, 'TEMPLATE_IN_USE', `Other clients are connected to ${databases.join(', ')}; a copy needs it to be free`, {
              detail: { database: databases.length === 1 ? databases[0] : databases, connections: foreign },
              hint: 'Close those connections, or repeat the request with {"terminateConnections": true} to end them',
            });
          }
          terminated = await this.terminate(admin, foreign);
        }
        return await fn(admin, terminated);
      } finally {
        // Pools first: waiting requests go on at once; the listener's reconnection can take a moment longer.
        for (const resume of resumers) await Promise.resolve(resume()).catch(() => undefined);
      }
    });
  }

  /** CREATE DATABASE target TEMPLATE source with the fastest method for its size. */
  async copy(source: string, target: string, opts: { terminateConnections?: boolean } = {}): Promise<CopyResult> {
    let method: CopyMethod = 'wal_log';
    return this.withDatabasesFree([source], opts, async (admin, terminated) => {
      const t0 = performance.now();
      method = await this.methods.create(admin, target, source, method);
      return { method, duration_ms: Math.round(performance.now() - t0), terminated };
    }, async (admin) => {
      const size = await databaseSize(admin, source);
      if (size === null) throw new ApiError(404, 'DATABASE_NOT_FOUND', `Database ${source} does not exist`);
      method = await this.methods.choose(admin, size);
    });
  }

  private async foreignConnections(admin: pg.Client, databases: string[]): Promise<ForeignConnection[]> {
    const deadline = Date.now() + OWN_EXIT_WAIT_MS;
    for (;;) {
      const { rows } = await admin.query<ForeignConnection>(
        `SELECT pid, coalesce(application_name, '') AS application_name, client_addr::text AS client_addr, usename::text AS usename,
                state, backend_start::text AS backend_start
           FROM pg_stat_activity
          WHERE datname = ANY($1) AND pid <> pg_backend_pid() AND backend_type = 'client backend'
          ORDER BY pid`, [databases]);
      const ownLeft = rows.some((r) => OWN_APPLICATIONS.includes(r.application_name));
      if (!ownLeft || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async terminate(admin: pg.Client, connections: ForeignConnection[]): Promise<ForeignConnection[]> {
    const done: ForeignConnection[] = [];
    for (const c of connections) {
      // The timeout form waits until the backend has really exited, so the copy does not race it.
      const { rows } = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1, 5000) AS ok', [c.pid]);
      if (rows[0]?.ok) done.push(c);
    }
    return done;
  }
}

const copiers = new WeakMap<TrestleContext, TemplateCopier>();

/** The copier of a running Trestle, shared by branches and backups so their template operations never overlap. */
export function templateCopier(ctx: TrestleContext): TemplateCopier {
  let copier = copiers.get(ctx);
  if (!copier) {
    copier = new TemplateCopier(ctx);
    copiers.set(ctx, copier);
  }
  return copier;
}
