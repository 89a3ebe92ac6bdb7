// The realtime area's services, shared by both protocols: the change dispatcher (one capture, one batched visibility
// check), topics for broadcast and presence, the registry of open sockets, the published tables, and the last 200
// events for the dashboard's live log.
import crypto from 'node:crypto';
import type { WebSocket } from 'ws';
import type { TrestleContext } from '../context.js';
import { ChannelAuthorizer } from './channel-auth.js';
import { ConnectionRegistry, type ConnectionInfo, type RealtimeConnection } from './connections.js';
import { ChangeDispatcher, REALTIME_CHANNEL } from './dispatcher.js';
import { RealtimeError } from './errors.js';
import type { SubscriberIdentity } from './identity.js';
import { LegacyClient, type LegacyMessage } from './legacy-client.js';
import { ensureRealtimeObjects, followsDdl, pruneMessages, syncTriggers } from './objects.js';
import { PhoenixSocket, type SocketInfo } from './phoenix/socket.js';
import type { Vsn } from './phoenix/serializer.js';
import { listPublished, type PublishedTable } from './publication.js';
import { topicKey, TopicRegistry, type BroadcastMessage } from './topics.js';
import type { MessageChange, RowChange } from './types.js';

export const EVENT_LOG_SIZE = 200;
const SCHEMA_CHANNEL = 'trestle_schema';
const POLL_SYNC_MS = 5_000;
const PRUNE_MS = 60 * 60_000;

export interface LoggedEvent {
  schema: string;
  table: string;
  operation: string;
  row: Record<string, unknown> | null;
  old_row: Record<string, unknown> | null;
  truncated: boolean;
  timestamp: string;
}

const tableKey = (schema: string, table: string) => `${schema}.${table}`;

export class RealtimeHub {
  readonly topics = new TopicRegistry();
  readonly dispatcher: ChangeDispatcher;
  readonly authorizer: ChannelAuthorizer;
  readonly connections: ConnectionRegistry;
  private legacy = new Set<LegacyClient>();
  private log: LoggedEvent[] = [];
  private published: PublishedTable[] = [];
  private offs: Array<() => void> = [];
  private pollTimer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;
  private refreshTimer?: NodeJS.Timeout;
  private started = false;
  /** The database prepared last, and when another became active (its changes before that are not delivered). */
  private preparedFor?: string;
  private activatedAt?: Date;
  broadcasts = 0;

  constructor(private readonly ctx: TrestleContext) {
    this.dispatcher = new ChangeDispatcher(ctx, {
      onChange: (change) => this.remember(change),
      onMessage: (message) => this.fromDatabase(message),
    });
    this.authorizer = new ChannelAuthorizer(() => ctx.databases.active, () => ctx.databases.activeApi);
    this.connections = new ConnectionRegistry(ctx);
  }

  async start(): Promise<void> {
    const listener = this.ctx.activeListener;
    this.offs.push(this.ctx.databases.onActiveChange(() => {
      this.activatedAt = new Date();
      this.dispatcher.hold();
      void this.prepareDatabase();
    }));
    this.offs.push(await listener.listen(REALTIME_CHANNEL, () => this.dispatcher.kick()));
    this.offs.push(await listener.listen(SCHEMA_CHANNEL, () => this.schemaChanged()));
    this.offs.push(listener.onDisconnect(() => this.toLegacy({
      type: 'system', status: 'disconnected', message: 'Lost the database connection; changes made meanwhile are delivered when it is back',
    })));
    this.offs.push(listener.onConnect(() => {
      // Reconnected (Postgres restart, branch switch): the database may be another one, with other tables.
      void this.prepareDatabase().then(() => this.toLegacy({ type: 'system', status: 'reconnected', channels: this.channelList() }));
    }));
    await this.prepareDatabase();
    this.dispatcher.start();
    this.pruneTimer = setInterval(() => void pruneMessages(this.ctx.databases.active).catch(() => undefined), PRUNE_MS);
    this.pruneTimer.unref();
    this.started = true;
  }

  /** The active database: capture objects present, triggers reconciled, published tables known, outbox drained. */
  private async prepareDatabase(): Promise<void> {
    const db = this.ctx.databases.active;
    try {
      await ensureRealtimeObjects(db);
      await syncTriggers(db);
      clearInterval(this.pollTimer);
      if (!(await followsDdl(db))) {
        this.pollTimer = setInterval(() => void syncTriggers(this.ctx.databases.active).then(() => this.refreshPublished()).catch(() => undefined), POLL_SYNC_MS);
        this.pollTimer.unref();
      }
      await this.refreshPublished();
    } catch (err) {
      this.ctx.log.warn({ err: (err as Error).message }, 'realtime: could not prepare the active database');
    }
    const switched = this.preparedFor !== undefined && this.preparedFor !== db.name;
    this.preparedFor = db.name;
    await this.dispatcher.caughtUp(switched ? this.activatedAt : undefined);
  }

  private schemaChanged(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refreshPublished().catch(() => undefined), 50);
    this.refreshTimer.unref();
  }

  async refreshPublished(): Promise<PublishedTable[]> {
    const before = JSON.stringify(this.channelList());
    this.published = await listPublished(this.ctx.databases.active);
    if (this.started && JSON.stringify(this.channelList()) !== before) this.toLegacy({ type: 'channels', channels: this.channelList() });
    return this.published;
  }

  private channelList() {
    return this.published.map((t) => ({ schema: t.schema, table: t.table }));
  }

  private isPublished(key: string): boolean {
    return this.published.some((t) => tableKey(t.schema, t.table) === key);
  }

  private remember(change: RowChange): void {
    this.log.push({
      schema: change.schema, table: change.table, operation: change.op, row: change.record, old_row: change.old,
      truncated: false, timestamp: change.at,
    });
    if (this.log.length > EVENT_LOG_SIZE) this.log.shift();
  }

  get events(): LoggedEvent[] {
    return [...this.log].reverse();
  }

  // ---- broadcast ----------------------------------------------------------------------------------------------------

  /** realtime.send() / realtime.broadcast_changes(): to the channels of the topic (private or public). */
  private fromDatabase(message: MessageChange): void {
    this.broadcasts++;
    const json = JSON.stringify({ type: 'broadcast', event: message.event, payload: message.payload, meta: { id: message.messageId } });
    this.topics.broadcast(topicKey(message.topic, message.private), { kind: 'json', event: message.event, json });
  }

  /** Broadcasts sent over HTTP: every private topic is authorised first; returns the first refused topic, or null. */
  async broadcastFromHttp(identity: SubscriberIdentity, messages: Array<{ topic: string; private: boolean; message: BroadcastMessage }>): Promise<string | null> {
    for (const m of messages) {
      if (!m.private) continue;
      const allowed = await this.authorizer.authorize(identity.audience, m.topic, ['broadcast'], true).catch(() => ({ broadcast: false }));
      if (!allowed.broadcast) return m.topic;
    }
    for (const m of messages) {
      this.broadcasts++;
      this.topics.broadcast(topicKey(m.topic, m.private), m.message);
    }
    return null;
  }

  // ---- sockets ------------------------------------------------------------------------------------------------------

  attachPhoenix(ws: WebSocket, identity: SubscriberIdentity, vsn: Vsn, info: SocketInfo): void {
    const socket = new PhoenixSocket(ws, this.ctx, { dispatcher: this.dispatcher, topics: this.topics, authorizer: this.authorizer }, identity, vsn, info);
    const remove = this.connections.add(socket);
    ws.on('close', remove);
  }

  /** A client of the first protocol: told the channels, then follows its subscribe/unsubscribe messages. */
  attachLegacy(ws: WebSocket, identity: SubscriberIdentity, info: SocketInfo & { sessionHash?: string }): void {
    const client = new LegacyClient(ws, identity, identity.audience.role);
    const connection: RealtimeConnection = {
      id: crypto.randomUUID(),
      sessionHash: info.sessionHash,
      keyIds: () => new Set(identity.keyId ? [identity.keyId] : []),
      revokeKeys: (revoked) => {
        if (identity.keyId && revoked.has(identity.keyId)) connection.end(RealtimeError.close.keyRevoked.code, RealtimeError.close.keyRevoked.reason);
      },
      end: (code, reason) => {
        forget();
        ws.close(code, reason);
        setTimeout(() => ws.terminate(), 1_000).unref();
      },
      describe: (): ConnectionInfo => ({
        id: connection.id, protocol: 'trestle', vsn: null, role: identity.audience.role, via: info.via, key_prefix: info.keyPrefix,
        connected_at: client.connectedAt, channels: [client.describe()],
      }),
    };
    const removeConnection = this.connections.add(connection);
    const forget = () => {
      this.legacy.delete(client);
      this.dispatcher.remove(client);
      removeConnection();
    };
    this.legacy.add(client);
    this.dispatcher.add(client);
    ws.on('close', forget);
    ws.on('error', forget);
    ws.on('message', (data) => {
      const answer = client.handle(data.toString(), (k) => this.isPublished(k));
      if (answer) client.send(answer);
    });
    client.send({ type: 'connected', role: legacyRole(identity), listener_connected: this.ctx.activeListener.connected, channels: this.channelList() });
  }

  private toLegacy(message: LegacyMessage): void {
    for (const c of this.legacy) c.send(message);
  }

  // ---- status -------------------------------------------------------------------------------------------------------

  status() {
    const roles = { anon: 0, authenticated: 0, service_role: 0 };
    for (const c of this.legacy) roles[legacyRole(c.identity)]++;
    const sockets = this.connections.list();
    return {
      listener_connected: this.ctx.activeListener.connected,
      database: this.ctx.databases.activeDatabaseName,
      channels: this.published.map((t) => tableKey(t.schema, t.table)),
      clients: this.legacy.size,
      clients_by_role: roles,
      phoenix_sockets: sockets.filter((s) => s.protocol === 'phoenix').length,
      phoenix_channels: sockets.reduce((n, s) => n + (s.protocol === 'phoenix' ? s.channels.length : 0), 0),
      event_log_size: this.log.length,
      events_received: this.dispatcher.received,
      deliveries: this.dispatcher.delivered,
      visibility_checks: this.dispatcher.checks,
      visibility_check_ms: Math.round(this.dispatcher.checkMs),
      broadcasts: this.broadcasts,
    };
  }

  connectionList(): ConnectionInfo[] {
    return this.connections.list();
  }

  get publishedTables(): PublishedTable[] {
    return this.published;
  }

  async stop(): Promise<void> {
    for (const off of this.offs) off();
    clearInterval(this.pollTimer);
    clearInterval(this.pruneTimer);
    clearTimeout(this.refreshTimer);
    this.connections.close();
    await this.dispatcher.stop();
  }
}

/** The first protocol reported two roles; the dashboard session counts as service_role there. */
function legacyRole(identity: SubscriberIdentity): 'anon' | 'authenticated' | 'service_role' {
  const role = identity.audience.role;
  return role === 'owner' ? 'service_role' : role;
}
