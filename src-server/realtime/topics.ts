// Channels by topic, for broadcast and presence. A private and a public channel of the same name are different
// topics (as in Supabase). Presence follows Phoenix: a state of `{key: {metas: [...]}}`, each meta carrying a
// `phx_ref`, and diffs `{joins, leaves}` when someone tracks, updates, untracks or goes away.
import crypto from 'node:crypto';
import type { UserBroadcast } from './phoenix/serializer.js';

/** JSON broadcasts are serialised once; binary ones keep their bytes. */
export type BroadcastMessage =
  | { kind: 'json'; event: string; json: string }
  | { kind: 'user'; user: UserBroadcast };

export interface TopicMember {
  readonly topicKey: string;
  readonly presenceKey: string;
  receivesBroadcast(): boolean;
  receivesPresence(): boolean;
  pushBroadcast(message: BroadcastMessage): void;
  pushPresenceDiff(diffJson: string): void;
}

type Meta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };
type Presences = Record<string, { metas: Meta[] }>;

export const topicKey = (subTopic: string, isPrivate: boolean) => `${isPrivate ? 'private' : 'public'}:${subTopic}`;
const newRef = () => crypto.randomBytes(9).toString('base64url');

export class TopicRegistry {
  private members = new Map<string, Set<TopicMember>>();
  /** topic → member → its tracked meta */
  private tracked = new Map<string, Map<TopicMember, Meta>>();

  join(member: TopicMember): void {
    let set = this.members.get(member.topicKey);
    if (!set) this.members.set(member.topicKey, (set = new Set()));
    set.add(member);
  }

  leave(member: TopicMember): void {
    this.untrack(member);
    const set = this.members.get(member.topicKey);
    set?.delete(member);
    if (set?.size === 0) this.members.delete(member.topicKey);
  }

  count(key: string): number {
    return this.members.get(key)?.size ?? 0;
  }

  /** To every member that reads broadcasts, except the sender unless it asked for its own messages. */
  broadcast(key: string, message: BroadcastMessage, from?: TopicMember, self = false): number {
    let sent = 0;
    for (const m of this.members.get(key) ?? []) {
      if ((m === from && !self) || !m.receivesBroadcast()) continue;
      m.pushBroadcast(message);
      sent++;
    }
    return sent;
  }

  presenceState(key: string): Presences {
    const state: Presences = {};
    for (const [member, meta] of this.tracked.get(key) ?? []) (state[member.presenceKey] ??= { metas: [] }).metas.push(meta);
    return state;
  }

  presenceCount(key: string): number {
    return this.tracked.get(key)?.size ?? 0;
  }

  /** Tracks or updates the member's presence; an unchanged payload sends nothing. */
  track(member: TopicMember, payload: Record<string, unknown>): void {
    let byMember = this.tracked.get(member.topicKey);
    if (!byMember) this.tracked.set(member.topicKey, (byMember = new Map()));
    const previous = byMember.get(member);
    if (previous && samePayload(previous, payload)) return;
    const meta: Meta = { ...payload, phx_ref: newRef(), ...(previous ? { phx_ref_prev: previous.phx_ref } : {}) };
    byMember.set(member, meta);
    this.diff(member.topicKey, { [member.presenceKey]: { metas: [meta] } }, previous ? { [member.presenceKey]: { metas: [previous] } } : {});
  }

  untrack(member: TopicMember): void {
    const byMember = this.tracked.get(member.topicKey);
    const previous = byMember?.get(member);
    if (!byMember || !previous) return;
    byMember.delete(member);
    if (byMember.size === 0) this.tracked.delete(member.topicKey);
    this.diff(member.topicKey, {}, { [member.presenceKey]: { metas: [previous] } });
  }

  private diff(key: string, joins: Presences, leaves: Presences): void {
    const json = JSON.stringify({ joins, leaves });
    for (const m of this.members.get(key) ?? []) if (m.receivesPresence()) m.pushPresenceDiff(json);
  }
}

function samePayload(meta: Meta, payload: Record<string, unknown>): boolean {
  const { phx_ref: _ref, phx_ref_prev: _prev, ...rest } = meta;
  return JSON.stringify(rest) === JSON.stringify(payload);
}
