// postgres_changes through the real @supabase/supabase-js: who sees which rows (RLS and column privileges judged on
// each event's own row image), filters, replica identity, the publication deciding which tables emit.
import { createClient, type RealtimePostgresChangesPayload, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';
import { closeClients, Inbox, supabaseClient, subscribed } from '../../../test/helpers/realtime.js';

type Change = RealtimePostgresChangesPayload<Record<string, unknown>>;

let t: TestApp;
let base: string;
const ALICE = '00000000-0000-4000-8000-00000000a11c';
const BOB = '00000000-0000-4000-8000-000000000b0b';
const tokenFor = (sub: string, expiresIn = 3600) => mintJwt(t.ctx.jwtSecret, { sub, role: 'authenticated' }, { expiresIn });

beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
  await t.sql.query(`
    CREATE TABLE public.todos (id bigserial PRIMARY KEY, owner text NOT NULL, title text, secret text, priority int, amount numeric, room_id bigint);
    ALTER TABLE public.todos ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own ON public.todos FOR SELECT TO authenticated USING (owner = (auth.jwt() ->> 'sub'));
    CREATE POLICY shown ON public.todos FOR SELECT TO anon USING (owner = 'public');
    REVOKE SELECT ON public.todos FROM anon, authenticated;
    GRANT SELECT (id, owner, title, priority, amount, room_id) ON public.todos TO anon, authenticated;

    CREATE TABLE public.items (id int PRIMARY KEY, room_id bigint, name text, note text);
    CREATE TABLE public.quiet (id int PRIMARY KEY, v text);
    ALTER PUBLICATION supabase_realtime ADD TABLE public.todos, public.items;
  `);
});
afterEach(async () => closeClients());
afterAll(async () => t?.close());

function listen(client: SupabaseClient, name: string, filter: { event: '*' | 'INSERT' | 'UPDATE' | 'DELETE'; table: string; filter?: string }) {
  const inbox = new Inbox<Change>();
  const channel = client.channel(name).on('postgres_changes', { schema: 'public', ...filter } as never, (p: Change) => inbox.push(p));
  return { inbox, ready: subscribed(channel), channel };
}

describe('postgres_changes and row security', () => {
  it('two signed-in users each see only their own inserts, without the column they may not read', async () => {
    const alice = listen(await supabaseClient(base, { key: t.anonKey, token: () => tokenFor(ALICE) }), 'a', { event: 'INSERT', table: 'todos' });
    const bob = listen(await supabaseClient(base, { key: t.anonKey, token: () => tokenFor(BOB) }), 'b', { event: 'INSERT', table: 'todos' });
    await Promise.all([alice.ready, bob.ready]);
    await t.sql.query(`INSERT INTO public.todos (owner, title, secret, amount, room_id) VALUES ($1, 'alice 1', 's1', 12.5, 9007199254740), ($2, 'bob 1', 's2', 1, 2), ($1, 'alice 2', 's3', 0, 3)`, [ALICE, BOB]);

    const a1 = await alice.inbox.next();
    expect(a1).toMatchObject({ eventType: 'INSERT', schema: 'public', table: 'todos', new: { owner: ALICE, title: 'alice 1', amount: 12.5, room_id: 9007199254740 } });
    expect(typeof a1.commit_timestamp).toBe('string');
    expect(a1.new).not.toHaveProperty('secret');
    expect((await alice.inbox.next()).new).toMatchObject({ title: 'alice 2' });
    expect((await bob.inbox.next()).new).toMatchObject({ title: 'bob 1' });
    expect(await alice.inbox.settle()).toEqual([]);
    expect(await bob.inbox.settle()).toEqual([]);
  });

  it('anon sees only the rows a policy grants it', async () => {
    const anon = listen(await supabaseClient(base, { key: t.anonKey }), 'anon', { event: '*', table: 'todos' });
    await anon.ready;
    await t.sql.query(`INSERT INTO public.todos (owner, title) VALUES ($1, 'private'), ('public', 'for everyone')`, [ALICE]);
    expect((await anon.inbox.next()).new).toMatchObject({ owner: 'public', title: 'for everyone' });
    expect(await anon.inbox.settle()).toEqual([]);
  });

  it('judges every event by its own row image, not by the row as it is when checked', async () => {
    const alice = listen(await supabaseClient(base, { key: t.anonKey, token: () => tokenFor(ALICE) }), 'judge-a', { event: '*', table: 'todos' });
    const bob = listen(await supabaseClient(base, { key: t.anonKey, token: () => tokenFor(BOB) }), 'judge-b', { event: '*', table: 'todos' });
    await Promise.all([alice.ready, bob.ready]);
    // By the time these are checked the row belongs to bob: alice still gets the INSERT of her row, not the UPDATE.
    await t.sql.query(`BEGIN; INSERT INTO public.todos (owner, title) VALUES ($$${ALICE}$$, 'handed over');
      UPDATE public.todos SET owner = $$${BOB}$$ WHERE title = 'handed over'; COMMIT;`);
    expect(await alice.inbox.next()).toMatchObject({ eventType: 'INSERT', new: { title: 'handed over', owner: ALICE } });
    const update = await bob.inbox.next();
    expect(update).toMatchObject({ eventType: 'UPDATE', new: { title: 'handed over', owner: BOB } });
    expect(update.old).toEqual({}); // the old image was alice's: bob may not see it
    expect(await alice.inbox.settle()).toEqual([]);
    expect(await bob.inbox.settle()).toEqual([]);
  });

  it('stops sending rows when the token expires, and follows a refreshed token', async () => {
    let token = tokenFor(ALICE);
    const client = await supabaseClient(base, { key: t.anonKey, token: () => token });
    const sub = listen(client, 'refresh', { event: 'INSERT', table: 'todos' });
    await sub.ready;
    await t.sql.query(`INSERT INTO public.todos (owner, title) VALUES ($1, 'for alice'), ($2, 'for bob')`, [ALICE, BOB]);
    expect((await sub.inbox.next()).new).toMatchObject({ title: 'for alice' });

    token = tokenFor(BOB);
    await client.realtime.setAuth(token);
    await new Promise((r) => setTimeout(r, 300));
    await t.sql.query(`INSERT INTO public.todos (owner, title) VALUES ($1, 'alice again'), ($2, 'bob now')`, [ALICE, BOB]);
    expect((await sub.inbox.next()).new).toMatchObject({ title: 'bob now' });
    expect(await sub.inbox.settle()).toEqual([]);

    const closed = new Inbox<string>();
    const shortLived = await supabaseClient(base, { key: t.anonKey, token: () => tokenFor(ALICE, 2) });
    const expiring = new Inbox<Change>();
    await subscribed(shortLived.channel('expiring')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'todos' }, (p: Change) => expiring.push(p))
      .on('system', {}, (p: { message: string }) => closed.push(p.message)));
    await t.sql.query(`INSERT INTO public.todos (owner, title) VALUES ($1, 'before expiry')`, [ALICE]);
    expect((await expiring.next()).new).toMatchObject({ title: 'before expiry' });
    expect(await closed.next((m) => m === 'Token has expired', 4_000)).toBe('Token has expired');
    await t.sql.query(`INSERT INTO public.todos (owner, title) VALUES ($1, 'after expiry')`, [ALICE]);
    expect(await expiring.settle(500)).toEqual([]);
  });
  it('gives a channel that joined with the anon key its user\'s rows once the token reaches it, filter included', async () => {
    await t.sql.query(`
      CREATE TABLE public.notes (id int PRIMARY KEY, owner text NOT NULL, body text);
      ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON public.notes FOR SELECT TO authenticated USING (owner = (auth.jwt() ->> 'sub'));
      REVOKE ALL ON public.notes FROM anon;
      GRANT SELECT ON public.notes TO authenticated;
      ALTER PUBLICATION supabase_realtime ADD TABLE public.notes;`);
    let token = tokenFor(ALICE);
    // supabase-js reads the token asynchronously: a channel subscribed at once joins without it, with the socket's
    // anon key (supabase-js issue 1304), and supabase-js sends it only when it changes.
    const client = createClient(base, t.anonKey, { accessToken: async () => token, realtime: { transport: WebSocket as never } });
    try {
      const system = new Inbox<{ status: string; message: string }>();
      const changes = new Inbox<Change>();
      await subscribed(client.channel('early')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'notes', filter: `owner=eq.${ALICE}` }, (p: Change) => changes.push(p))
        .on('system', {}, (p: { status: string; message: string }) => system.push(p)));
      expect(await system.next()).toMatchObject({ status: 'error', message: expect.stringContaining('may not SELECT column "owner"') });
      await t.sql.query(`INSERT INTO public.notes VALUES (1, $1, 'while anon')`, [ALICE]);
      expect(await changes.settle()).toEqual([]);

      token = tokenFor(ALICE, 3000); // a refreshed session
      await client.realtime.setAuth();
      expect(await system.next()).toMatchObject({ status: 'ok', message: 'Subscribed to PostgreSQL' });
      await t.sql.query(`INSERT INTO public.notes VALUES (2, $1, 'for alice'), (3, $2, 'for bob')`, [ALICE, BOB]);
      expect((await changes.next()).new).toEqual({ id: 2, owner: ALICE, body: 'for alice' });
      expect(await changes.settle()).toEqual([]);
    } finally {
      await client.removeAllChannels();
      client.realtime.disconnect();
    }
  });
});

describe('filters, replica identity and the publication', () => {
  it('applies eq, neq, lt, lte, gt, gte and in filters', async () => {
    const client = await supabaseClient(base, { key: t.serviceKey });
    const filters = ['room_id=eq.2', 'room_id=neq.2', 'room_id=lt.2', 'room_id=lte.2', 'room_id=gt.2', 'room_id=gte.2', 'room_id=in.(1,3)', 'name=eq."a,b"'];
    const subs = filters.map((filter, i) => listen(client, `f${i}`, { event: 'INSERT', table: 'items', filter }));
    await Promise.all(subs.map((s) => s.ready));
    await t.sql.query(`INSERT INTO public.items (id, room_id, name) VALUES (1, 1, 'x'), (2, 2, 'a,b'), (3, 3, 'y')`);
    const expected = [[2], [1, 3], [1], [1, 2], [3], [2, 3], [1, 3], [2]];
    for (const [i, s] of subs.entries()) {
      const got: number[] = [];
      for (const _ of expected[i]) got.push(Number(((await s.inbox.next()).new as { id: number }).id));
      expect({ filter: filters[i], ids: got.sort() }).toEqual({ filter: filters[i], ids: expected[i] });
      expect(await s.inbox.settle(100)).toEqual([]);
    }
  });

  it('sends the old key by default, the whole old row with replica identity full, and the key on DELETE', async () => {
    const client = await supabaseClient(base, { key: t.serviceKey });
    const sub = listen(client, 'identity', { event: '*', table: 'items' });
    await sub.ready;
    await t.sql.query(`INSERT INTO public.items (id, room_id, name, note) VALUES (10, 5, 'before', 'n')`);
    await t.sql.query(`UPDATE public.items SET name = 'after' WHERE id = 10`);
    expect((await sub.inbox.next()).eventType).toBe('INSERT');
    expect(await sub.inbox.next()).toMatchObject({ eventType: 'UPDATE', new: { name: 'after' }, old: { id: 10 } });
    await t.sql.query(`ALTER TABLE public.items REPLICA IDENTITY FULL`);
    await t.sql.query(`UPDATE public.items SET name = 'again' WHERE id = 10`);
    expect((await sub.inbox.next()).old).toEqual({ id: 10, room_id: 5, name: 'after', note: 'n' });
    await t.sql.query(`ALTER TABLE public.items REPLICA IDENTITY DEFAULT`);
    await t.sql.query(`DELETE FROM public.items WHERE id = 10`);
    expect(await sub.inbox.next()).toMatchObject({ eventType: 'DELETE', new: {}, old: { id: 10 } });
  });

  it('follows the publication, also when it is dropped and created again in a transaction', async () => {
    const client = await supabaseClient(base, { key: t.serviceKey });
    const quiet = listen(client, 'quiet', { event: 'INSERT', table: 'quiet' });
    await quiet.ready;
    await t.sql.query(`INSERT INTO public.quiet VALUES (1, 'not published')`);
    expect(await quiet.inbox.settle()).toEqual([]);
    await t.sql.query(`BEGIN; DROP PUBLICATION supabase_realtime; CREATE PUBLICATION supabase_realtime FOR TABLE public.quiet, public.todos, public.items; COMMIT;`);
    await t.sql.query(`INSERT INTO public.quiet VALUES (2, 'published')`);
    expect((await quiet.inbox.next()).new).toEqual({ id: 2, v: 'published' });
    await t.sql.query(`ALTER PUBLICATION supabase_realtime DROP TABLE public.quiet`);
    await t.sql.query(`INSERT INTO public.quiet VALUES (3, 'dropped again')`);
    expect(await quiet.inbox.settle()).toEqual([]);
  });

  it('works with the vsn 1.0.0 serializer too', async () => {
    const sub = listen(await supabaseClient(base, { key: t.serviceKey, vsn: '1.0.0' }), 'v1', { event: 'INSERT', table: 'items' });
    await sub.ready;
    await t.sql.query(`INSERT INTO public.items (id, room_id, name) VALUES (20, 1, 'v1')`);
    expect((await sub.inbox.next()).new).toMatchObject({ id: 20, name: 'v1' });
  });
});
