// Every open realtime socket, for the dashboard's list and to end sockets whose credentials end: a revoked or rotated
// key (the key cache is cleared by NOTIFY trestle_keys, whoever changed the key) or a dashboard logout.
import type { TrestleContext } from '../context.js';
import type { ConnectionInfo } from './wire-types.js';

export type { ConnectionInfo } from './wire-types.js';

export interface RealtimeConnection {
  readonly id: string;
  /** API keys the socket and its channels rest on. */
  keyIds(): Set<string>;
  /** sha256 (hex) of the dashboard session token the socket was opened with. */
  readonly sessionHash?: string;
  /** Some of its keys were revoked: end the socket (its own key) or the channels that used them. */
  revokeKeys(revoked: Set<string>): void;
  end(code: number, reason: string): void;
  describe(): ConnectionInfo;
}

export class ConnectionRegistry {
  private connections = new Set<RealtimeConnection>();
  private checking?: Promise<void>;
  private again = false;
  private offs: Array<() => void> = [];

  constructor(private readonly ctx: TrestleContext) {
    this.offs.push(ctx.keys.onChange(() => this.checkKeys()));
    this.offs.push(ctx.sessions.onRevoke((hash) => {
      for (const c of this.connections) if (c.sessionHash === hash) c.end(4001, 'Dashboard session ended');
    }));
  }

  add(connection: RealtimeConnection): () => void {
    this.connections.add(connection);
    return () => this.connections.delete(connection);
  }

  list(): ConnectionInfo[] {
    return [...this.connections].map((c) => c.describe());
  }

  get size(): number {
    return this.connections.size;
  }

  /** Keys changed: ask which of the keys in use are still active. Runs again if keys change during a check. */
  checkKeys(): void {
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = this.check().catch((err: Error) => this.ctx.log.warn({ err: err.message }, 'realtime: could not check keys of open sockets'))
      .finally(() => {
        this.checking = undefined;
        if (this.again) {
          this.again = false;
          this.checkKeys();
        }
      });
  }

  private async check(): Promise<void> {
    const inUse = new Set<string>();
    for (const c of this.connections) for (const id of c.keyIds()) inUse.add(id);
    if (inUse.size === 0) return;
    const { rows } = await this.ctx.databases.control.query<{ id: string }>(
      'SELECT id FROM trestle.api_keys WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL', [[...inUse]]);
    const active = new Set(rows.map((r) => r.id));
    const revoked = new Set([...inUse].filter((id) => !active.has(id)));
    if (revoked.size === 0) return;
    for (const c of [...this.connections]) c.revokeKeys(revoked);
  }

  /** Settles a check in progress (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.checking) await this.checking;
  }

  close(): void {
    for (const off of this.offs) off();
    for (const c of [...this.connections]) c.end(1001, 'Server shutting down');
    this.connections.clear();
  }
}
