// A Phoenix socket on /realtime/v1/websocket: heartbeats, phx_join / phx_leave with replies, and the channel events
// realtime-js pushes (broadcast, presence, access_token). Frames of one socket are handled in order.
import crypto from 'node:crypto';
import type { WebSocket } from 'ws';
import type { TrestleContext } from '../../context.js';
import type { ConnectionInfo, RealtimeConnection } from '../connections.js';
import { RealtimeError } from '../errors.js';
import { tokenIdentity, TokenError, type SubscriberIdentity } from '../identity.js';
import { bindingProblems, buildBindings } from './bindings.js';
import { PhoenixChannel, type ChannelConfig } from './channel.js';
import type { ChannelHost, RealtimeServices } from './host.js';
import { decodeFrame, encodeFrame, MAX_BINARY_FIELD, type Frame, type InboundFrame, type Vsn } from './serializer.js';

const MAX_CHANNELS = 100;
/** Phoenix's default: a client that sends nothing (not even a heartbeat) for this long is gone. */
const IDLE_TIMEOUT_MS = 60_000;
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SocketInfo {
  via: ConnectionInfo['via'];
  keyPrefix: string | null;
}

export class PhoenixSocket implements ChannelHost, RealtimeConnection {
  readonly id = crypto.randomUUID();
  readonly connectedAt = new Date().toISOString();
  private channels = new Map<string, PhoenixChannel>();
  private queue: Promise<void> = Promise.resolve();
  private idleTimer?: NodeJS.Timeout;
  private ended = false;
  private corked = false;

  constructor(
    private readonly ws: WebSocket,
    readonly ctx: TrestleContext,
    readonly services: RealtimeServices,
    readonly connection: SubscriberIdentity,
    readonly vsn: Vsn,
    private readonly info: SocketInfo,
  ) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.touch();
      const frame = decodeFrame(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), isBinary, vsn);
      if (!frame) return;
      this.queue = this.queue.then(() => this.handle(frame)).catch((err: Error) => ctx.log.warn({ err: err.message }, 'realtime: frame failed'));
    });
    ws.on('close', () => this.cleanup());
    ws.on('error', () => this.cleanup());
    this.touch();
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.end(RealtimeError.close.idle.code, RealtimeError.close.idle.reason), IDLE_TIMEOUT_MS);
    this.idleTimer.unref();
  }

  /**
   * Frames sent in the same tick (a batch of changes) leave in one write: the TCP socket is corked until the next
   * tick, instead of one system call per frame.
   */
  send(data: string | Buffer, binary = false): void {
    if (this.ended || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) return this.end(RealtimeError.close.tooSlow.code, RealtimeError.close.tooSlow.reason);
    const raw = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (raw && !this.corked) {
      this.corked = true;
      raw.cork();
      process.nextTick(() => {
        this.corked = false;
        raw.uncork();
      });
    }
    this.ws.send(data, { binary });
  }

  private reply(frame: Frame, status: 'ok' | 'error', response: unknown): void {
    this.send(encodeFrame({ joinRef: frame.joinRef, ref: frame.ref, topic: frame.topic, event: 'phx_reply', payload: { status, response } }, this.vsn));
  }

  private async handle(frame: InboundFrame): Promise<void> {
    if (this.ended) return;
    if (frame.topic === 'phoenix' && frame.event === 'heartbeat') return this.reply(frame, 'ok', {});
    if (frame.event === 'phx_join') return this.join(frame);
    const channel = this.channels.get(frame.topic);
    if (!channel || (frame.joinRef !== null && channel.joinRef !== frame.joinRef)) {
      return this.reply(frame, 'error', { reason: RealtimeError.join.unmatchedTopic });
    }
    const payload = isObject(frame.payload) ? frame.payload : {};
    switch (frame.event) {
      case 'phx_leave':
        this.reply(frame, 'ok', {});
        return this.detach(channel);
      case 'access_token':
        return channel.refreshToken(payload.access_token);
      case 'broadcast':
        return this.broadcast(channel, frame, payload);
      case 'presence':
        return this.presence(channel, frame, payload);
      default:
        return undefined; // unknown client events are ignored, as in Supabase
    }
  }

  private async join(frame: InboundFrame): Promise<void> {
    const fail = (reason: string) => this.reply(frame, 'error', { reason });
    if (!frame.topic.startsWith('realtime:')) return fail(RealtimeError.join.unmatchedTopic);
    if (frame.topic === 'realtime:') return fail(RealtimeError.join.topicRequired);
    if (Buffer.byteLength(frame.topic) > MAX_BINARY_FIELD) return fail(RealtimeError.join.unmatchedTopic);
    const existing = this.channels.get(frame.topic);
    if (existing) {
      // Phoenix: a second join of a topic closes the first channel.
      this.send(encodeFrame({ joinRef: existing.joinRef, ref: existing.joinRef, topic: existing.topic, event: 'phx_close', payload: {} }, this.vsn));
      this.detach(existing);
    }
    if (this.channels.size >= MAX_CHANNELS) return fail(RealtimeError.join.tooManyChannels);

    const payload = isObject(frame.payload) ? frame.payload : {};
    const config = isObject(payload.config) ? payload.config : {};
    const broadcast = isObject(config.broadcast) ? config.broadcast : {};
    const presence = isObject(config.presence) ? config.presence : {};
    let identity: SubscriberIdentity;
    try {
      identity = await tokenIdentity(this.ctx, payload.access_token ?? payload.user_token, this.connection);
    } catch (err) {
      return fail(err instanceof TokenError ? err.message : RealtimeError.join.invalidToken('could not be verified'));
    }
    const channelConfig: ChannelConfig = {
      broadcastSelf: broadcast.self === true, broadcastAck: broadcast.ack === true,
      presenceEnabled: presence.enabled === true,
      presenceKey: typeof presence.key === 'string' && presence.key ? presence.key : crypto.randomUUID(),
      private: config.private === true,
    };
    const channel = new PhoenixChannel(this, frame.topic, frame.joinRef, channelConfig, identity);
    try {
      if (channelConfig.private) {
        channel.read = await this.services.authorizer.authorize(identity.audience, channel.subTopic, ['broadcast', 'presence'], false)
          .catch(() => ({ broadcast: false, presence: false }));
        if (!channel.read.broadcast && !channel.read.presence) {
          channel.dispose();
          return fail(RealtimeError.join.unauthorized(channel.subTopic));
        }
      }
      channel.entries = Array.isArray(config.postgres_changes) ? config.postgres_changes : [];
      channel.bindings = await buildBindings(this.ctx.databases.active, identity.audience.role, channel.entries);
    } catch {
      channel.dispose();
      return fail(RealtimeError.join.databaseUnavailable);
    }
    const problems = bindingProblems(channel.bindings);
    const options = isObject(config.postgres_changes_options) ? config.postgres_changes_options : {};
    if (options.wait === true && problems) {
      channel.dispose();
      return fail(RealtimeError.join.postgresChanges(problems));
    }
    if (this.ended) return channel.dispose();

    this.channels.set(frame.topic, channel);
    this.services.topics.join(channel);
    if (channel.bindings.length) this.services.dispatcher.add(channel);
    this.reply(frame, 'ok', { postgres_changes: channel.bindings.map((b) => ({ ...b.echo, id: b.id })) });
    channel.pushPresenceState();
    channel.reportBindings();
    // The capture is always running: a channel that asks is told so at once.
    if (broadcast.replication_ready === true) channel.pushSystem('system', 'ok', RealtimeError.postgresChanges.replicationReady);
  }

  private async broadcast(channel: PhoenixChannel, frame: InboundFrame, payload: Record<string, unknown>): Promise<void> {
    const ack = channel.config.broadcastAck;
    if (!frame.user && typeof payload.event !== 'string') return;
    if (!(await channel.mayWrite('broadcast'))) {
      if (ack) this.reply(frame, 'error', { reason: RealtimeError.push.broadcastUnauthorized });
      return;
    }
    const message = frame.user
      ? { kind: 'user' as const, user: frame.user }
      : { kind: 'json' as const, event: payload.event as string, json: JSON.stringify(payload) };
    this.services.topics.broadcast(channel.topicKey, message, channel, channel.config.broadcastSelf);
    if (ack) this.reply(frame, 'ok', {});
  }

  private async presence(channel: PhoenixChannel, frame: InboundFrame, payload: Record<string, unknown>): Promise<void> {
    const event = typeof payload.event === 'string' ? payload.event.toLowerCase() : '';
    if (event === 'untrack') {
      this.services.topics.untrack(channel);
      return this.reply(frame, 'ok', {});
    }
    if (event !== 'track') return this.reply(frame, 'error', { reason: RealtimeError.push.unknownPresenceEvent });
    const meta = payload.payload ?? {};
    if (!isObject(meta)) return this.reply(frame, 'error', { reason: RealtimeError.push.presencePayload });
    if (!(await channel.mayWrite('presence'))) return this.reply(frame, 'error', { reason: RealtimeError.push.presenceUnauthorized });
    this.services.topics.track(channel, meta);
    channel.enablePresence();
    this.reply(frame, 'ok', {});
  }

  detach(channel: PhoenixChannel): void {
    if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
    this.services.topics.leave(channel);
    this.services.dispatcher.remove(channel);
    channel.dispose();
  }

  private cleanup(): void {
    this.ended = true;
    clearTimeout(this.idleTimer);
    for (const channel of [...this.channels.values()]) this.detach(channel);
  }

  // ---- RealtimeConnection -----------------------------------------------------------------------------------------

  keyIds(): Set<string> {
    const ids = new Set<string>();
    if (this.connection.keyId) ids.add(this.connection.keyId);
    for (const c of this.channels.values()) if (c.identity.keyId) ids.add(c.identity.keyId);
    return ids;
  }

  revokeKeys(revoked: Set<string>): void {
    if (this.connection.keyId && revoked.has(this.connection.keyId)) {
      return this.end(RealtimeError.close.keyRevoked.code, RealtimeError.close.keyRevoked.reason);
    }
    for (const c of [...this.channels.values()]) if (c.identity.keyId && revoked.has(c.identity.keyId)) c.shutdown(RealtimeError.shutdown.keyRevoked);
  }

  end(code: number, reason: string): void {
    if (this.ended) return;
    this.cleanup();
    this.ws.close(code, reason);
    // A peer that does not answer the close handshake is cut off.
    setTimeout(() => this.ws.terminate(), 1_000).unref();
  }

  describe(): ConnectionInfo {
    return {
      id: this.id, protocol: 'phoenix', vsn: this.vsn, role: this.connection.audience.role, via: this.info.via,
      key_prefix: this.info.keyPrefix, connected_at: this.connectedAt, channels: [...this.channels.values()].map((c) => c.describe()),
    };
  }
}
