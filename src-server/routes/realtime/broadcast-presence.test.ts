// Broadcast (self, ack, over HTTP, from the database) and presence through the real @supabase/supabase-js, and
// private channels authorised by RLS policies on realtime.messages.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';
import { closeClients, Inbox, supabaseClient, subscribed } from '../../../test/helpers/realtime.js';

let t: TestApp;
let base: string;
const tokenFor = (sub: string) => mintJwt(t.ctx.jwtSecret, { sub, role: 'authenticated' });

beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
  await t.sql.query(`
    CREATE POLICY members_read ON realtime.messages FOR SELECT TO authenticated
      USING ((SELECT realtime.topic()) = 'room-1' AND extension IN ('broadcast', 'presence'));
    CREATE POLICY members_write ON realtime.messages FOR INSERT TO authenticated
      WITH CHECK ((SELECT realtime.topic()) = 'room-1' AND (auth.jwt() ->> 'sub') <> 'mallory');
  `);
});
afterEach(async () => closeClients());
afterAll(async () => t?.close());

type Message = { event: string; payload: Record<string, unknown>; meta?: { id: string } };

describe('broadcast', () => {
  it('reaches the other clients of the channel, and the sender only with self; ack confirms', async () => {
    const a = await supabaseClient(base, { key: t.anonKey });
    const b = await supabaseClient(base, { key: t.anonKey, vsn: '1.0.0' });
    const fromA = new Inbox<Message>();
    const fromB = new Inbox<Message>();
    const chA = await subscribed(a.channel('lobby', { config: { broadcast: { self: true, ack: true } } }).on('broadcast', { event: 'cursor' }, (m) => fromA.push(m as unknown as Message)));
    const chB = await subscribed(b.channel('lobby').on('broadcast', { event: '*' }, (m) => fromB.push(m as unknown as Message)));

    expect(await chA.send({ type: 'broadcast', event: 'cursor', payload: { x: 1 } })).toBe('ok');
    expect(await fromB.next()).toMatchObject({ event: 'cursor', payload: { x: 1 } });
    expect(await fromA.next()).toMatchObject({ event: 'cursor', payload: { x: 1 } });

    await chB.send({ type: 'broadcast', event: 'cursor', payload: { x: 2 } });
    expect(await fromA.next()).toMatchObject({ payload: { x: 2 } });
    expect(await fromB.settle()).toEqual([]); // no self for b

    // Another topic hears nothing.
    const other = new Inbox<Message>();
    await subscribed(b.channel('elsewhere').on('broadcast', { event: '*' }, (m) => other.push(m as unknown as Message)));
    await chA.send({ type: 'broadcast', event: 'cursor', payload: { x: 3 } });
    expect(await fromB.next()).toMatchObject({ payload: { x: 3 } });
    expect(await other.settle()).toEqual([]);
  });

  it('is sent over HTTP (POST /realtime/v1/api/broadcast, httpSend) and from the database (realtime.send)', async () => {
    const listener = await supabaseClient(base, { key: t.anonKey });
    const inbox = new Inbox<Message>();
    await subscribed(listener.channel('news').on('broadcast', { event: '*' }, (m) => inbox.push(m as unknown as Message)));

    const res = await fetch(`${base}/realtime/v1/api/broadcast`, {
      method: 'POST', headers: { apikey: t.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic: 'news', event: 'headline', payload: { title: 'hello' } }] }),
    });
    expect(res.status).toBe(202);
    expect(await inbox.next()).toMatchObject({ event: 'headline', payload: { title: 'hello' } });

    const sender = await supabaseClient(base, { key: t.anonKey });
    expect(await sender.channel('news').httpSend('extra', { n: 2 })).toEqual({ success: true });
    expect(await inbox.next()).toMatchObject({ event: 'extra', payload: { n: 2 } });

    await t.sql.query(`SELECT realtime.send('{"from": "sql"}'::jsonb, 'db-event', 'news', false)`);
    const fromDb = await inbox.next();
    expect(fromDb).toMatchObject({ event: 'db-event', payload: { from: 'sql' } });
    expect(typeof fromDb.meta?.id).toBe('string');

    const bad = await fetch(`${base}/realtime/v1/api/broadcast`, { method: 'POST', headers: { apikey: t.anonKey, 'content-type': 'application/json' }, body: '{"messages": []}' });
    expect(bad.status).toBe(400);
    const noKey = await fetch(`${base}/realtime/v1/api/broadcast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"messages": [{"topic": "news", "event": "x"}]}' });
    expect(noKey.status).toBe(401);
  });
});

describe('presence', () => {
  it('syncs the state and tells the others when a third client joins and leaves', async () => {
    type State = Record<string, Array<{ name: string }>>;
    const members = async (name: string) => {
      const client = await supabaseClient(base, { key: t.anonKey });
      const syncs = new Inbox<State>();
      const joins = new Inbox<string>();
      const leaves = new Inbox<string>();
      const channel = client.channel('room-presence', { config: { presence: { key: name } } })
        .on('presence', { event: 'sync' }, () => syncs.push(channel.presenceState() as unknown as State))
        .on('presence', { event: 'join' }, ({ key }) => joins.push(key))
        .on('presence', { event: 'leave' }, ({ key }) => leaves.push(key));
      await subscribed(channel);
      expect(await channel.track({ name })).toBe('ok');
      return { client, channel, syncs, joins, leaves };
    };
    const ann = await members('ann');
    const ben = await members('ben');
    await ann.joins.next((k) => k === 'ben');
    await ben.syncs.next((s) => Boolean(s.ann && s.ben));

    const cat = await members('cat');
    await cat.syncs.next((s) => Boolean(s.ann && s.ben && s.cat));
    expect(await ann.joins.next((k) => k === 'cat')).toBe('cat');
    expect(await ben.joins.next((k) => k === 'cat')).toBe('cat');
    expect(Object.keys(ann.channel.presenceState()).sort()).toEqual(['ann', 'ben', 'cat']);
    expect(ann.channel.presenceState().cat[0]).toMatchObject({ name: 'cat' });

    await cat.client.removeChannel(cat.channel);
    expect(await ann.leaves.next((k) => k === 'cat')).toBe('cat');
    expect(await ben.leaves.next((k) => k === 'cat')).toBe('cat');
    expect(Object.keys(ben.channel.presenceState()).sort()).toEqual(['ann', 'ben']);

    expect(await ben.channel.untrack()).toBe('ok');
    expect(await ann.leaves.next((k) => k === 'ben')).toBe('ben');
  });
});

describe('private channels', () => {
  it('are authorised by the RLS policies on realtime.messages', async () => {
    const alice = await supabaseClient(base, { key: t.anonKey, token: () => tokenFor('alice') });
    const bob = await supabaseClient(base, { key: t.anonKey, token: () => tokenFor('bob') });
    const inbox = new Inbox<Message>();
    const chAlice = await subscribed(alice.channel('room-1', { config: { private: true, broadcast: { ack: true } } }));
    await subscribed(bob.channel('room-1', { config: { private: true } }).on('broadcast', { event: '*' }, (m) => inbox.push(m as unknown as Message)));
    expect(await chAlice.send({ type: 'broadcast', event: 'secret', payload: { n: 1 } })).toBe('ok');
    expect(await inbox.next()).toMatchObject({ event: 'secret', payload: { n: 1 } });

    // A public channel of the same name is another topic.
    const publicInbox = new Inbox<Message>();
    await subscribed((await supabaseClient(base, { key: t.anonKey })).channel('room-1').on('broadcast', { event: '*' }, (m) => publicInbox.push(m as unknown as Message)));
    await chAlice.send({ type: 'broadcast', event: 'secret', payload: { n: 2 } });
    expect(await inbox.next()).toMatchObject({ payload: { n: 2 } });
    expect(await publicInbox.settle()).toEqual([]);

    // No SELECT policy for room-2, none at all for anon.
    await expect(subscribed(alice.channel('room-2', { config: { private: true } }))).rejects.toThrow(/permissions to read from this Channel topic: room-2/);
    await expect(subscribed((await supabaseClient(base, { key: t.anonKey })).channel('room-1', { config: { private: true } }))).rejects.toThrow(/Unauthorized/);

    // mallory may read but not write: the ack says so and nobody hears it.
    const mallory = await supabaseClient(base, { key: t.anonKey, token: () => tokenFor('mallory') });
    const chMallory = await subscribed(mallory.channel('room-1', { config: { private: true, broadcast: { ack: true } } }));
    expect(await chMallory.send({ type: 'broadcast', event: 'spoof', payload: {} })).toBe('error');
    expect(await inbox.settle()).toEqual([]);

    // Over HTTP the same policies apply; realtime.send(…, private => true) reaches the private channel.
    const http = await fetch(`${base}/realtime/v1/api/broadcast`, {
      method: 'POST', headers: { apikey: t.anonKey, authorization: `Bearer ${tokenFor('mallory')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic: 'room-1', event: 'spoof', payload: {}, private: true }] }),
    });
    expect(http.status).toBe(401);
    await t.sql.query(`SELECT realtime.send('{"db": true}'::jsonb, 'from-db', 'room-1')`);
    expect(await inbox.next()).toMatchObject({ event: 'from-db', payload: { db: true } });
  });
});
