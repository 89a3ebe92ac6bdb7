// Phoenix channel frames as @supabase/realtime-js speaks them: vsn 1.0.0 JSON objects, vsn 2.0.0 JSON arrays
// `[join_ref, ref, topic, event, payload]`, and 2.0.0's binary user broadcasts (kind 3 from clients, kind 4 to them).
export type Vsn = '1.0.0' | '2.0.0';

/** A broadcast whose payload travelled as bytes (binary frame); `encoding` says whether those bytes are JSON. */
export interface UserBroadcast {
  event: string;
  encoding: 'json' | 'binary';
  data: Buffer;
}

export interface Frame {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

export interface InboundFrame extends Frame {
  /** Set for binary user broadcast pushes. */
  user?: UserBroadcast;
}

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;

const asRef = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/** null when the frame is not a Phoenix message (the caller ignores it). */
export function decodeFrame(data: Buffer, isBinary: boolean, vsn: Vsn): InboundFrame | null {
  if (isBinary) return vsn === '2.0.0' ? decodeBinary(data) : null;
  let v: unknown;
  try {
    v = JSON.parse(data.toString('utf8'));
  } catch {
    return null;
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(v) || v.length < 5 || typeof v[2] !== 'string' || typeof v[3] !== 'string') return null;
    return { joinRef: asRef(v[0]), ref: asRef(v[1]), topic: v[2], event: v[3], payload: v[4] };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.topic !== 'string' || typeof o.event !== 'string') return null;
  return { joinRef: asRef(o.join_ref), ref: asRef(o.ref), topic: o.topic, event: o.event, payload: o.payload };
}

function decodeBinary(data: Buffer): InboundFrame | null {
  if (data.length < 7 || data[0] !== KIND_USER_BROADCAST_PUSH) return null;
  const [joinRefSize, refSize, topicSize, eventSize, metaSize, encoding] = [data[1], data[2], data[3], data[4], data[5], data[6]];
  let offset = 7;
  const take = (n: number) => {
    const s = data.subarray(offset, offset + n).toString('utf8');
    offset += n;
    return s;
  };
  if (offset + joinRefSize + refSize + topicSize + eventSize + metaSize > data.length) return null;
  const joinRef = take(joinRefSize);
  const ref = take(refSize);
  const topic = take(topicSize);
  const event = take(eventSize);
  offset += metaSize; // metadata (e.g. persist) has no meaning here
  return {
    joinRef: joinRef || null, ref: ref || null, topic, event: 'broadcast', payload: null,
    user: { event, encoding: encoding === 0 ? 'binary' : 'json', data: Buffer.from(data.subarray(offset)) },
  };
}

export function encodeFrame(frame: Frame, vsn: Vsn): string {
  if (vsn === '2.0.0') return JSON.stringify([frame.joinRef, frame.ref, frame.topic, frame.event, frame.payload]);
  return JSON.stringify({ join_ref: frame.joinRef, ref: frame.ref, topic: frame.topic, event: frame.event, payload: frame.payload });
}

/**
 * A frame whose payload is already JSON text (shared by many recipients): only the envelope is built per recipient.
 */
export function encodeFrameRaw(joinRef: string | null, topic: string, event: string, payloadJson: string, vsn: Vsn): string {
  const j = joinRef === null ? 'null' : JSON.stringify(joinRef);
  if (vsn === '2.0.0') return `[${j},null,${JSON.stringify(topic)},${JSON.stringify(event)},${payloadJson}]`;
  return `{"join_ref":${j},"ref":null,"topic":${JSON.stringify(topic)},"event":${JSON.stringify(event)},"payload":${payloadJson}}`;
}

/** vsn 2.0.0 binary user broadcast (kind 4) to a client. */
export function encodeUserBroadcast(topic: string, broadcast: UserBroadcast): Buffer {
  const t = Buffer.from(topic, 'utf8');
  const e = Buffer.from(broadcast.event, 'utf8');
  const header = Buffer.from([KIND_USER_BROADCAST, t.length, e.length, 0, broadcast.encoding === 'json' ? 1 : 0]);
  return Buffer.concat([header, t, e, broadcast.data]);
}

/** Topics and events are at most 255 bytes in binary frames; longer ones are refused at join. */
export const MAX_BINARY_FIELD = 255;
