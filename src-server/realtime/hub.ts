// The realtime hub: receives changes from the shared LISTEN connection, keeps the last 200 for the dashboard, and
// fans each out to WebSocket clients by their subscriptions; anon clients only get rows anon could SELECT.
import type { WebSocket } from 'ws';
import type { TrestleContext } from '../context.js';
import { clientMessage, parseEvent, type RealtimeEvent } from './events.js';
import { listSubscriptions, REALTIME_CHANNEL, type Subscription } from './subscriptions.js';
import { visibleToAnon } from './visibility.js';

export const EVENT_LOG_SIZE = 200;

export type ClientRole = 'anon' | 'service_role';

interface Client {
  socket: WebSocket;
  role: ClientRole;
  /** null: every channel except `excluded`; otherwise only these "schema.table" keys. */
  topics: Set<string> | null;
  excluded: Set<string>;
}

const topic = (schema: string, table: string) => `${schema}.${table}`;

export class RealtimeHub {
  private clients = new Set<Client>();
  private log: RealtimeEvent[] = [];
  private channels: Subscription[] = [];
  private queue: Promise<void> = Promise.resolve();
  private received = 0;
  private connectedOnce = false;
  private offs: Array<() => void> = [];

  constructor(private readonly ctx: TrestleContext) {}

  async start(): Promise<void> {
    this.offs.push(await this.ctx.activeListener.listen(REALTIME_CHANNEL, (payload) => this.onNotify(payload)));
    this.offs.push(this.ctx.activeListener.onDisconnect(() => this.broadcast({ type: 'system', status: 'disconnected', message: 'Lost the database connection; changes made until it is back are not delivered' })));
    this.offs.push(this.ctx.activeListener.onConnect(() => {
      // Reconnected (Postgres restart, branch switch): the channels may have changed, and changes may have been missed.
      void this.refreshChannels().catch(() => undefined).then(() => this.broadcast({ type: 'system', status: 'reconnected', channels: this.channelList() }));
    }));
    await this.refreshChannels().catch(() => undefined);
    this.connectedOnce = true;
  }

  async refreshChannels(): Promise<Subscription[]> {
    this.channels = await listSubscriptions(this.ctx.databases.active);
    if (this.connectedOnce) this.broadcast({ type: 'channels', channels: this.channelList() });
    return this.channels;
  }

  private channelList() {
    return this.channels.map((c) => ({ schema: c.schema, table: c.table }));
  }

  get events(): RealtimeEvent[] {
    return [...this.log].reverse();
  }

  status() {
    const roles = { anon: 0, service_role: 0 };
    for (const c of this.clients) roles[c.role]++;
    return {
      listener_connected: this.ctx.activeListener.connected,
      database: this.ctx.databases.activeDatabaseName,
      channels: this.channels.map((c) => topic(c.schema, c.table)),
      clients: this.clients.size,
      clients_by_role: roles,
      event_log_size: this.log.length,
      events_received: this.received,
    };
  }

  private onNotify(payload: string): void {
    const event = parseEvent(payload);
    if (!event) return;
    this.received++;
    this.log.push(event);
    if (this.log.length > EVENT_LOG_SIZE) this.log.shift();
    // One event at a time, so every client sees changes in the order they were committed.
    this.queue = this.queue.then(() => this.dispatch(event)).catch((err: Error) => this.ctx.log.warn({ err: err.message }, 'realtime dispatch failed'));
  }

  private async dispatch(event: RealtimeEvent): Promise<void> {
    const key = topic(event.schema, event.table);
    const targets = [...this.clients].filter((c) => (c.topics === null ? !c.excluded.has(key) : c.topics.has(key)));
    if (targets.length === 0) return;
    const message = JSON.stringify(clientMessage(event));
    let anonMay: boolean | undefined;
    for (const c of targets) {
      if (c.role === 'anon') anonMay ??= await visibleToAnon(this.ctx.databases.active, event);
      if (c.role === 'anon' && !anonMay) continue;
      this.send(c, message);
    }
  }

  private send(c: Client, message: string): void {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(message);
  }

  private broadcast(msg: object): void {
    const text = JSON.stringify(msg);
    for (const c of this.clients) this.send(c, text);
  }

  /** A new WebSocket client: tell it the channels, then follow its subscribe/unsubscribe messages. */
  attach(socket: WebSocket, role: ClientRole): void {
    const client: Client = { socket, role, topics: null, excluded: new Set() };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => this.clients.delete(client));
    socket.on('message', (data) => this.onMessage(client, data.toString()));
    this.send(client, JSON.stringify({ type: 'connected', role, listener_connected: this.ctx.activeListener.connected, channels: this.channelList() }));
  }

  private onMessage(c: Client, text: string): void {
    let msg: { type?: unknown; schema?: unknown; table?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      return this.send(c, JSON.stringify({ type: 'error', code: 'BAD_MESSAGE', message: 'Messages must be JSON' }));
    }
    if (msg?.type === 'ping') return this.send(c, JSON.stringify({ type: 'pong' }));
    if ((msg?.type !== 'subscribe' && msg?.type !== 'unsubscribe') || typeof msg.table !== 'string' || (msg.schema !== undefined && typeof msg.schema !== 'string')) {
      return this.send(c, JSON.stringify({ type: 'error', code: 'BAD_MESSAGE', message: 'Send {"type":"subscribe"|"unsubscribe","schema":"public","table":"<name>"}' }));
    }
    const schema = (msg.schema as string | undefined) ?? 'public';
    const key = topic(schema, msg.table);
    if (msg.type === 'subscribe') {
      c.topics ??= new Set();
      c.topics.add(key);
    } else {
      if (c.topics === null) c.excluded.add(key);
      else c.topics.delete(key);
    }
    const active = this.channels.some((ch) => topic(ch.schema, ch.table) === key);
    this.send(c, JSON.stringify({ type: msg.type === 'subscribe' ? 'subscribed' : 'unsubscribed', schema, table: msg.table, channel_active: active }));
  }

  async stop(): Promise<void> {
    for (const off of this.offs) off();
    for (const c of this.clients) c.socket.close(1001, 'server shutting down');
    this.clients.clear();
    await this.queue;
  }
}
