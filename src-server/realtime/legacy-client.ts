// A client of the first Trestle protocol on /realtime: JSON messages, every published table unless it narrows with
// subscribe/unsubscribe, events `{type: 'event', schema, table, operation, row, old_row, timestamp, truncated}`.
// Rows pass the same visibility checks as Phoenix channels (the dashboard session sees everything).
import type { WebSocket } from 'ws';
import { unexpired, type SubscriberIdentity } from './identity.js';
import { restrict, tooLarge } from './row-images.js';
import type { ChangeSubscriber, ChangeView, RowChange } from './types.js';
import type { LegacyChannelInfo } from './wire-types.js';

export type LegacyMessage = Record<string, unknown> & { type: string };

const key = (schema: string, table: string) => `${schema}.${table}`;

export class LegacyClient implements ChangeSubscriber {
  /** null: every published table except `excluded`; otherwise only these "schema.table" keys. */
  private topics: Set<string> | null = null;
  private excluded = new Set<string>();
  readonly connectedAt = new Date().toISOString();

  constructor(readonly socket: WebSocket, readonly identity: SubscriberIdentity, readonly label: string) {}

  /** A socket opened with a Bearer JWT stops receiving rows when the token expires. */
  audience() {
    return unexpired(this.identity) ? this.identity.audience : null;
  }

  get role(): string {
    return this.identity.audience.role;
  }

  wants(change: RowChange): boolean {
    const k = key(change.schema, change.table);
    return this.topics === null ? !this.excluded.has(k) : this.topics.has(k);
  }

  deliver(change: RowChange, view: ChangeView): boolean {
    const visible = change.op === 'DELETE' ? view.oldVisible : view.newVisible;
    if (!visible) return false;
    const readable = view.columns.map((c) => c.name);
    const truncated = tooLarge(change);
    const columns = truncated ? view.table.primaryKey.filter((c) => readable.includes(c)) : readable;
    const row = change.op === 'DELETE' ? null : restrict(change.record, columns);
    const oldRow = change.op !== 'INSERT' && view.oldVisible ? restrict(change.old, columns) : null;
    this.send({ type: 'event', schema: change.schema, table: change.table, operation: change.op, row, old_row: oldRow, timestamp: change.at, truncated });
    return true;
  }

  send(message: LegacyMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** A client message; returns the answer to send (or null). */
  handle(text: string, published: (k: string) => boolean): LegacyMessage | null {
    let msg: { type?: unknown; schema?: unknown; table?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      return { type: 'error', code: 'BAD_MESSAGE', message: 'Messages must be JSON' };
    }
    if (msg?.type === 'ping') return { type: 'pong' };
    if ((msg?.type !== 'subscribe' && msg?.type !== 'unsubscribe') || typeof msg.table !== 'string' || (msg.schema !== undefined && typeof msg.schema !== 'string')) {
      return { type: 'error', code: 'BAD_MESSAGE', message: 'Send {"type":"subscribe"|"unsubscribe","schema":"public","table":"<name>"}' };
    }
    const schema = (msg.schema as string | undefined) ?? 'public';
    const k = key(schema, msg.table);
    if (msg.type === 'subscribe') {
      this.topics ??= new Set();
      this.topics.add(k);
    } else if (this.topics === null) this.excluded.add(k);
    else this.topics.delete(k);
    return { type: msg.type === 'subscribe' ? 'subscribed' : 'unsubscribed', schema, table: msg.table, channel_active: published(k) };
  }

  describe(): LegacyChannelInfo {
    return { tables: this.topics === null ? ['*'] : [...this.topics], excluded: [...this.excluded] };
  }
}
