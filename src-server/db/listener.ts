// One LISTEN connection shared by every area (keys cache, schema cache, webhooks, realtime), reconnecting after
// Postgres restarts. Handlers are told when the connection comes back so they can catch up on what they missed.
import pg from 'pg';
import { quoteIdent } from './quote.js';

type Handler = (payload: string) => void;

export class NotificationListener {
  private client?: pg.Client;
  private handlers = new Map<string, Set<Handler>>();
  private reconnectHandlers = new Set<() => void>();
  private disconnectHandlers = new Set<() => void>();
  private closed = false;
  private connecting?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  /** Pauses are counted: overlapping template copies each hold one, and the last to resume reconnects. */
  private pauses = 0;
  connected = false;

  constructor(private url: string, private readonly onError: (err: Error) => void = () => undefined) {}

  async start(): Promise<void> {
    await this.connect();
  }

  /** The database the listener is connected to (or reconnects to). */
  get database(): string {
    return decodeURIComponent(new URL(this.url).pathname.slice(1));
  }

  /**
   * Disconnect and stay disconnected (a template copy needs its source database free of connections).
   * The returned function reconnects; onConnect handlers then run so they can catch up on what they missed.
   */
  private get paused(): boolean {
    return this.pauses > 0;
  }

  async pause(): Promise<() => Promise<void>> {
    this.pauses++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    await client?.end().catch(() => undefined);
    let resumed = false;
    return async () => {
      if (resumed) return;
      resumed = true;
      this.pauses--;
      if (this.paused || this.closed) return;
      await this.connect().catch((err: Error) => {
        this.onError(err);
        this.scheduleReconnect();
      });
    };
  }

  /** Point the listener at another database (branch activation) and reconnect (now, or on resume when paused). */
  async retarget(url: string): Promise<void> {
    if (url === this.url) return;
    this.url = url;
    await this.connecting?.catch(() => undefined);
    const old = this.client;
    this.client = undefined;
    this.connected = false;
    await old?.end().catch(() => undefined);
    if (this.paused || this.closed) return;
    await this.connect().catch((err: Error) => {
      this.onError(err);
      this.scheduleReconnect();
    });
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: 'trestle-listener' });
      client.on('notification', (msg) => {
        for (const handler of this.handlers.get(msg.channel) ?? []) {
          try {
            handler(msg.payload ?? '');
          } catch (err) {
            this.onError(err as Error);
          }
        }
      });
      const lost = () => {
        if (this.client !== client) return;
        this.connected = false;
        this.client = undefined;
        for (const handler of this.disconnectHandlers) handler();
        this.scheduleReconnect();
      };
      client.on('error', (err) => {
        this.onError(err);
        lost();
      });
      client.on('end', lost);
      try {
        await client.connect();
        for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      } catch (err) {
        // Never left open unowned: a connection nobody tracks would hold its database (template copies wait for it).
        await client.end().catch(() => undefined);
        throw err;
      }
      this.client = client;
      this.connected = true;
      for (const handler of this.reconnectHandlers) handler();
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private scheduleReconnect(delay = 250): void {
    if (this.closed || this.paused || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().catch(() => this.scheduleReconnect(Math.min(delay * 2, 5_000)));
    }, delay);
    this.retryTimer.unref();
  }

  async listen(channel: string, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      if (this.client) await this.client.query(`LISTEN ${quoteIdent(channel)}`);
    }
    set.add(handler);
    return () => set!.delete(handler);
  }

  /** Called after every (re)connection, including the first. */
  onConnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  /** Called when the connection is lost (not on close()); notifications sent until onConnect are missed. */
  onDisconnect(handler: () => void): () => void {
    this.disconnectHandlers.add(handler);
    return () => this.disconnectHandlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
