// Frames against @supabase/realtime-js's own serializer, so both ends agree byte for byte.
import Serializer from '@supabase/realtime-js/dist/module/lib/serializer.js';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, encodeFrameRaw, encodeUserBroadcast } from './serializer.js';

const clientSerializer = new Serializer();
const encodeByClient = (msg: Parameters<Serializer['encode']>[0]) => new Promise<ArrayBuffer | string>((resolve) => clientSerializer.encode(msg, resolve));
const decodeByClient = (raw: ArrayBuffer | string) => new Promise<Record<string, unknown>>((resolve) => clientSerializer.decode(raw, resolve));

describe('Phoenix frames', () => {
  it('decodes what realtime-js sends: JSON arrays and binary user broadcasts', async () => {
    const join = await encodeByClient({ join_ref: '1', ref: '1', topic: 'realtime:room', event: 'phx_join', payload: { config: {} } });
    expect(decodeFrame(Buffer.from(join as string), false, '2.0.0')).toEqual({ joinRef: '1', ref: '1', topic: 'realtime:room', event: 'phx_join', payload: { config: {} } });

    const push = await encodeByClient({ join_ref: '1', ref: '7', topic: 'realtime:ünï', event: 'broadcast', payload: { type: 'broadcast', event: 'cursor', payload: { x: 1 } } });
    const frame = decodeFrame(Buffer.from(push as ArrayBuffer), true, '2.0.0')!;
    expect(frame).toMatchObject({ joinRef: '1', ref: '7', topic: 'realtime:ünï', event: 'broadcast' });
    expect(frame.user).toMatchObject({ event: 'cursor', encoding: 'json' });
    expect(JSON.parse(frame.user!.data.toString())).toEqual({ x: 1 });
  });

  it('encodes what realtime-js decodes', async () => {
    expect(await decodeByClient(encodeFrame({ joinRef: '1', ref: '2', topic: 'realtime:a', event: 'phx_reply', payload: { status: 'ok', response: {} } }, '2.0.0')))
      .toEqual({ join_ref: '1', ref: '2', topic: 'realtime:a', event: 'phx_reply', payload: { status: 'ok', response: {} } });
    expect(JSON.parse(encodeFrameRaw('3', 'realtime:a', 'postgres_changes', '{"ids":[1]}', '2.0.0'))).toEqual(['3', null, 'realtime:a', 'postgres_changes', { ids: [1] }]);
    expect(JSON.parse(encodeFrameRaw(null, 'realtime:a', 'broadcast', '{}', '1.0.0'))).toEqual({ join_ref: null, ref: null, topic: 'realtime:a', event: 'broadcast', payload: {} });

    const bytes = encodeUserBroadcast('realtime:é', { event: 'ping', encoding: 'json', data: Buffer.from('{"n":2}') });
    const decoded = await decodeByClient(new Uint8Array(bytes).buffer);
    expect(decoded).toEqual({ join_ref: null, ref: null, topic: 'realtime:é', event: 'broadcast', payload: { type: 'broadcast', event: 'ping', payload: { n: 2 } } });
  });

  it('ignores what is not a Phoenix message', () => {
    expect(decodeFrame(Buffer.from('not json'), false, '2.0.0')).toBeNull();
    expect(decodeFrame(Buffer.from('{"topic":"x"}'), false, '2.0.0')).toBeNull();
    expect(decodeFrame(Buffer.from('[1,2]'), false, '1.0.0')).toBeNull();
    expect(decodeFrame(Buffer.from([9, 0, 0]), true, '2.0.0')).toBeNull();
    expect(decodeFrame(Buffer.from([3, 200, 0, 0, 0, 0, 1]), true, '2.0.0')).toBeNull();
    expect(decodeFrame(Buffer.from([3, 0, 0, 0, 0, 0, 1]), true, '1.0.0')).toBeNull();
  });
});
