// One joined `realtime:<name>` channel of a Phoenix socket: its identity (role, claims, expiry), its postgres_changes
// bindings, broadcast and presence on its topic, and private-channel authorization. It never outlives its token.
import { RealtimeError } from '../errors.js';
import { tokenIdentity, unexpired, type SubscriberIdentity } from '../identity.js';
import { matches } from '../filters.js';
import { visibleImages, tooLarge, PAYLOAD_TOO_LARGE } from '../row-images.js';
import type { BroadcastMessage, TopicMember } from '../topics.js';
import { topicKey } from '../topics.js';
import type { ChangeSubscriber, ChangeView, RowChange } from '../types.js';
import type { PhoenixChannelInfo } from '../wire-types.js';
import { bindingProblems, buildBindings, targets, type Binding } from './bindings.js';
import type { ChannelHost } from './host.js';
import { encodeFrameRaw, encodeUserBroadcast } from './serializer.js';

export interface ChannelConfig {
  broadcastSelf: boolean;
  broadcastAck: boolean;
  presenceEnabled: boolean;
  presenceKey: string;
  private: boolean;
}

const MAX_TIMER_MS = 2_147_483_647;

export class PhoenixChannel implements ChangeSubscriber, TopicMember {
  readonly subTopic: string;
  readonly topicKey: string;
  readonly presenceKey: string;
  readonly joinedAt = new Date().toISOString();
  bindings: Binding[] = [];
  /** The join's config.postgres_changes, validated again when a refreshed token brings another role. */
  entries: unknown[] = [];
  /** Private channels: what the realtime.messages policies allow (write answers are asked on first use). */
  read = { broadcast: true, presence: true };
  private write: { broadcast?: boolean; presence?: boolean } = {};
  private expiryTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly host: ChannelHost,
    readonly topic: string,
    readonly joinRef: string | null,
    readonly config: ChannelConfig,
    public identity: SubscriberIdentity,
  ) {
    this.subTopic = topic.replace(/^realtime:/i, '');
    this.topicKey = topicKey(this.subTopic, config.private);
    this.presenceKey = config.presenceKey;
    this.scheduleExpiry();
  }

  // ---- postgres_changes -------------------------------------------------------------------------------------------

  audience() {
    return !this.closed && unexpired(this.identity) ? this.identity.audience : null;
  }

  wants(change: RowChange): boolean {
    return this.bindings.some((b) => targets(b, change));
  }

  deliver(change: RowChange, view: ChangeView): boolean {
    const readable = view.columns.map((c) => c.name);
    const row = change.op === 'DELETE' ? change.old : change.record;
    const bySelect = new Map<string, { select?: string[]; ids: number[] }>();
    for (const b of this.bindings) {
      if (!targets(b, change)) continue;
      // A filter on a column the subscriber may no longer read would leak whether rows match it.
      if (!b.conditions.every((c) => readable.includes(c.column)) || !matches(b.conditions, row, view.table.columns)) continue;
      const k = b.select?.join(',') ?? '';
      const group = bySelect.get(k) ?? { select: b.select, ids: [] };
      if (!group.ids.includes(b.id)) group.ids.push(b.id);
      bySelect.set(k, group);
    }
    let sent = false;
    for (const [k, group] of bySelect) {
      let data = view.memo.get(k) as string | undefined;
      if (data === undefined) {
        const columns = group.select ? view.columns.filter((c) => group.select!.includes(c.name)) : view.columns;
        const images = visibleImages(change, view, columns.map((c) => c.name));
        data = images === null ? '' : JSON.stringify({
          schema: change.schema, table: change.table, commit_timestamp: change.at, type: change.op,
          columns, ...images, errors: tooLarge(change) ? [PAYLOAD_TOO_LARGE] : null,
        });
        view.memo.set(k, data);
      }
      if (!data) continue;
      // Channels with the same envelope (join ref, topic, binding ids) share the encoded frame.
      const ids = JSON.stringify(group.ids);
      const frameKey = `frame|${k}|${this.host.vsn}|${this.joinRef}|${this.topic}|${ids}`;
      let frame = view.memo.get(frameKey) as Buffer | undefined;
      if (!frame) {
        frame = Buffer.from(encodeFrameRaw(this.joinRef, this.topic, 'postgres_changes', `{"ids":${ids},"data":${data}}`, this.host.vsn));
        view.memo.set(frameKey, frame);
      }
      this.host.send(frame);
      sent = true;
    }
    return sent;
  }

  /** Tells the client whether its bindings can receive changes (a `system` message, as Supabase sends after a join). */
  reportBindings(): void {
    if (!this.bindings.length) return;
    const problems = bindingProblems(this.bindings);
    if (problems) this.pushSystem('postgres_changes', 'error', RealtimeError.postgresChanges.invalid(problems));
    else this.pushSystem('postgres_changes', 'ok', RealtimeError.postgresChanges.subscribed);
  }

  /**
   * Bindings are checked as the subscriber's role sees the table (filter columns it may read). A channel that joined
   * with the anon key (supabase-js subscribes before it has read the session from storage) gets its user's role with
   * the next access_token: its bindings are checked again, and the client told when that changes their state.
   */
  private async revalidateBindings(): Promise<void> {
    if (!this.entries.length) return;
    const before = bindingProblems(this.bindings);
    const bindings = await buildBindings(this.host.ctx.databases.active, this.identity.audience.role, this.entries).catch(() => undefined);
    if (!bindings || this.closed) return;
    this.bindings = bindings;
    if (bindingProblems(bindings) !== before) this.reportBindings();
  }

  pushSystem(extension: string, status: 'ok' | 'error', message: string): void {
    this.host.send(encodeFrameRaw(this.joinRef, this.topic, 'system',
      JSON.stringify({ extension, status, message, channel: this.subTopic }), this.host.vsn));
  }

  // ---- broadcast and presence -------------------------------------------------------------------------------------

  receivesBroadcast(): boolean {
    return !this.closed && (!this.config.private || this.read.broadcast);
  }

  receivesPresence(): boolean {
    return !this.closed && this.config.presenceEnabled && (!this.config.private || this.read.presence);
  }

  pushBroadcast(message: BroadcastMessage): void {
    if (message.kind === 'json') {
      this.host.send(encodeFrameRaw(null, this.topic, 'broadcast', message.json, this.host.vsn));
    } else if (this.host.vsn === '2.0.0') {
      this.host.send(encodeUserBroadcast(this.topic, message.user), true);
    } else if (message.user.encoding === 'json') {
      // vsn 1.0.0 has no binary frames: JSON payloads go as text, raw bytes cannot be represented.
      const payload = `{"type":"broadcast","event":${JSON.stringify(message.user.event)},"payload":${message.user.data.toString('utf8')}}`;
      this.host.send(encodeFrameRaw(null, this.topic, 'broadcast', payload, this.host.vsn));
    }
  }

  pushPresenceDiff(diffJson: string): void {
    this.host.send(encodeFrameRaw(this.joinRef, this.topic, 'presence_diff', diffJson, this.host.vsn));
  }

  pushPresenceState(): void {
    if (!this.receivesPresence()) return;
    this.host.send(encodeFrameRaw(this.joinRef, this.topic, 'presence_state', JSON.stringify(this.host.services.topics.presenceState(this.topicKey)), this.host.vsn));
  }

  /** Whether this channel may broadcast or track; private channels ask the INSERT policies once per token. */
  async mayWrite(extension: 'broadcast' | 'presence'): Promise<boolean> {
    if (!this.config.private) return true;
    if (this.write[extension] === undefined) {
      const answer = await this.host.services.authorizer.authorize(this.identity.audience, this.subTopic, [extension], true).catch(() => ({ broadcast: false, presence: false }));
      this.write[extension] = answer[extension];
    }
    return this.write[extension] === true;
  }

  enablePresence(): void {
    if (this.config.presenceEnabled) return;
    this.config.presenceEnabled = true;
    this.pushPresenceState();
  }

  // ---- identity -----------------------------------------------------------------------------------------------------

  /** A refreshed access_token: verified, private authorization asked again; a bad one ends the channel. */
  async refreshToken(token: unknown): Promise<void> {
    if (token === undefined || token === null || token === '' || token === this.identity.token) return;
    if (typeof token === 'string' && token.startsWith('sb_')) return;
    let next: SubscriberIdentity;
    try {
      next = await tokenIdentity(this.host.ctx, token, this.host.connection);
    } catch (err) {
      return this.shutdown((err as Error).message);
    }
    if (this.closed) return;
    if (this.config.private) {
      const read = await this.host.services.authorizer.authorize(next.audience, this.subTopic, ['broadcast', 'presence'], false)
        .catch(() => ({ broadcast: false, presence: false }));
      if ((this.read.broadcast && !read.broadcast) || (this.read.presence && !read.presence)) {
        return this.shutdown(RealtimeError.shutdown.readRevoked(this.subTopic));
      }
      this.read = read;
      this.write = {};
    }
    const roleChanged = next.audience.role !== this.identity.audience.role;
    this.identity = next;
    this.scheduleExpiry();
    if (roleChanged) await this.revalidateBindings();
  }

  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    if (this.identity.exp === undefined) return;
    const ms = Math.max(0, this.identity.exp * 1000 - Date.now());
    this.expiryTimer = setTimeout(() => {
      if (unexpired(this.identity)) this.scheduleExpiry();
      else this.shutdown(RealtimeError.shutdown.tokenExpired);
    }, Math.min(ms, MAX_TIMER_MS));
    this.expiryTimer.unref();
  }

  /** Ends the channel from the server side: a `system` error saying why, then phx_close. */
  shutdown(message: string): void {
    if (this.closed) return;
    this.pushSystem('system', 'error', message);
    this.host.send(encodeFrameRaw(this.joinRef, this.topic, 'phx_close', '{}', this.host.vsn));
    this.host.detach(this);
  }

  /** Stop receiving anything (left, replaced, socket gone); the socket removes it from its topics. */
  dispose(): void {
    this.closed = true;
    clearTimeout(this.expiryTimer);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  describe(): PhoenixChannelInfo {
    return {
      topic: this.topic, private: this.config.private, joined_at: this.joinedAt,
      role: this.identity.audience.role, sub: this.identity.audience.sub || null,
      expires_at: this.identity.exp ? new Date(this.identity.exp * 1000).toISOString() : null,
      bindings: this.bindings.map((b) => ({
        id: b.id, event: b.event, schema: b.schema, table: b.table ?? null, filter: typeof b.echo.filter === 'string' ? b.echo.filter : null, error: b.error ?? b.notice ?? null,
      })),
      broadcast: { self: this.config.broadcastSelf, ack: this.config.broadcastAck },
      presence: { enabled: this.config.presenceEnabled, key: this.presenceKey, members: this.host.services.topics.presenceCount(this.topicKey) },
    };
  }
}
