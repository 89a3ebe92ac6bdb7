// Realtime test clients: @supabase/supabase-js over `ws` (what apps use), and a bare Phoenix client for the frames
// themselves. Both collect what arrives and wait for a matching message with a timeout.
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';

/** Resolves with the first unseen item matching pred (items before it stay unseen for later waits). */
export class Inbox<T> {
  readonly items: T[] = [];
  private waiters = new Set<() => void>();

  push(item: T): void {
    this.items.push(item);
    for (const w of this.waiters) w();
  }

  next(pred: (item: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const i = this.items.findIndex(pred);
        if (i < 0) return;
        const [item] = this.items.splice(i, 1);
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(item);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`nothing matching in ${timeoutMs} ms; have ${JSON.stringify(this.items.slice(-5)).slice(0, 2000)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Waits `ms` and returns what arrived (for asserting that something did not come). */
  async settle(ms = 400): Promise<T[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.items.splice(0);
  }
}

export interface ClientOptions {
  key: string;
  /** A user JWT, read again whenever supabase-js asks (so tests can swap it). */
  token?: () => string;
  vsn?: '1.0.0' | '2.0.0';
}

const clients: SupabaseClient[] = [];

/**
 * A supabase-js client. With a token, it waits until realtime-js has it: supabase-js fetches it asynchronously, and a
 * channel subscribed before that joins without it (and realtime-js does not send it afterwards).
 */
export async function supabaseClient(base: string, opts: ClientOptions): Promise<SupabaseClient> {
  const client = createClient(base, opts.key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never, ...(opts.vsn ? { vsn: opts.vsn } : {}) },
    ...(opts.token ? { accessToken: async () => opts.token!() } : {}),
  });
  clients.push(client);
  if (opts.token) await client.realtime.setAuth();
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.removeAllChannels().catch(() => undefined).then(() => c.realtime.disconnect())));
}

/** subscribe() until SUBSCRIBED; rejects with the status and error otherwise. */
export function subscribed(channel: RealtimeChannel, timeoutMs = 8_000): Promise<RealtimeChannel> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not subscribed in time')), timeoutMs);
    channel.subscribe((status, err) => {
      if (status === 'SUBSCRIBED') {
        clearTimeout(timer);
        resolve(channel);
      } else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
        clearTimeout(timer);
        reject(new Error(`${status}: ${err?.message ?? ''}`));
      }
    });
  });
}

export interface PhoenixMessage {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown> & { status?: string; response?: Record<string, unknown> };
}

/** A bare Phoenix socket (vsn 2.0.0 arrays, or 1.0.0 objects). */
export class PhoenixClient {
  readonly inbox = new Inbox<PhoenixMessage>();
  readonly binary = new Inbox<Buffer>();
  closed?: { code: number; reason: string };
  private ref = 0;

  private constructor(readonly ws: WebSocket, readonly vsn: '1.0.0' | '2.0.0') {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return this.binary.push(data);
      const v = JSON.parse(data.toString());
      this.inbox.push(Array.isArray(v) ? { join_ref: v[0], ref: v[1], topic: v[2], event: v[3], payload: v[4] } : v);
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  static open(url: string, vsn: '1.0.0' | '2.0.0' = '2.0.0', headers: Record<string, string> = {}): Promise<PhoenixClient> {
    const ws = new WebSocket(`${url}${url.includes('?') ? '&' : '?'}vsn=${vsn}`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new PhoenixClient(ws, vsn)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  push(topic: string, event: string, payload: unknown, joinRef: string | null = null): string {
    const ref = String(++this.ref);
    this.ws.send(JSON.stringify(this.vsn === '2.0.0' ? [joinRef, ref, topic, event, payload] : { topic, event, payload, ref, join_ref: joinRef }));
    return ref;
  }

  reply(ref: string, timeoutMs?: number): Promise<PhoenixMessage> {
    return this.inbox.next((m) => m.event === 'phx_reply' && m.ref === ref, timeoutMs);
  }

  async join(topic: string, payload: unknown): Promise<{ joinRef: string; reply: PhoenixMessage }> {
    const ref = String(this.ref + 1);
    this.push(topic, 'phx_join', payload, ref);
    return { joinRef: ref, reply: await this.reply(ref) };
  }

  waitClosed(timeoutMs = 2_000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
      this.ws.once('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
