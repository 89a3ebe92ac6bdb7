// Realtime never leaks: sockets end with their credentials (revoked or rotated key, dashboard logout), cookie-
// authenticated upgrades from other origins are refused, and the raw Phoenix frames carry only what the subscriber
// may read. Also the protocol's edges: heartbeats, bad topics, bad tokens, bindings that cannot work.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { mintJwt } from '../../../test/helpers/jwt.js';
import { closeClients, PhoenixClient, supabaseClient, subscribed } from '../../../test/helpers/realtime.js';

let t: TestApp;
let http: string;
let ws: string;
const open: PhoenixClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  http = await t.listen();
  ws = http.replace(/^http/, 'ws');
  await t.sql.query(`
    CREATE TABLE public.accounts (id bigint PRIMARY KEY, owner text, balance numeric, pin text);
    ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mine ON public.accounts FOR SELECT TO authenticated USING (owner = (auth.jwt() ->> 'sub'));
    REVOKE SELECT ON public.accounts FROM authenticated, anon;
    GRANT SELECT (id, owner, balance) ON public.accounts TO authenticated;
    ALTER TABLE public.accounts REPLICA IDENTITY FULL;
    ALTER PUBLICATION supabase_realtime ADD TABLE public.accounts;
  `);
});
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await closeClients();
});
afterAll(async () => t?.close());

async function phoenix(key: string, vsn: '1.0.0' | '2.0.0' = '2.0.0', headers: Record<string, string> = {}) {
  const c = await PhoenixClient.open(`${ws}/realtime/v1/websocket?apikey=${key}`, vsn, headers);
  open.push(c);
  return c;
}

async function newKey(type: 'anon' | 'service_role' = 'anon'): Promise<{ id: string; secret: string }> {
  const res = await t.service({ method: 'POST', url: '/v1/keys', payload: { key_type: type, label: 'realtime test' } });
  expect(res.statusCode).toBe(201);
  return { id: res.json().key.id, secret: res.json().secret };
}

const changes = (c: PhoenixClient) => c.inbox.next((m) => m.event === 'postgres_changes');

describe('sockets end with their credentials', () => {
  it('closes a socket within a second when its key is revoked; reconnecting is refused', async () => {
    const key = await newKey();
    const c = await phoenix(key.secret);
    expect((await c.join('realtime:any', {})).reply.payload.status).toBe('ok');
    const started = Date.now();
    expect((await t.service({ method: 'DELETE', url: `/v1/keys/${key.id}` })).statusCode).toBe(200);
    expect(await c.waitClosed(1_000)).toEqual({ code: 4001, reason: 'API key revoked' });
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(phoenix(key.secret)).rejects.toThrow('HTTP 401');
  });

  it('disconnects supabase-js when its key is revoked, and it cannot connect again', async () => {
    const key = await newKey();
    const client = await supabaseClient(http, { key: key.secret });
    await subscribed(client.channel('revoked').on('broadcast', { event: '*' }, () => undefined));
    expect(client.realtime.isConnected()).toBe(true);
    await t.service({ method: 'DELETE', url: `/v1/keys/${key.id}` });
    await expect.poll(() => client.realtime.isConnected(), { timeout: 1_000, interval: 50 }).toBe(false);
    await new Promise((r) => setTimeout(r, 1_500)); // realtime-js retries after 1 s: refused with 401
    expect(client.realtime.isConnected()).toBe(false);
  });

  it('closes it when the key is rotated', async () => {
    const key = await newKey();
    const c = await phoenix(key.secret);
    expect((await t.service({ method: 'POST', url: `/v1/keys/${key.id}/rotate` })).statusCode).toBe(200);
    expect((await c.waitClosed(1_000)).code).toBe(4001);
  });

  it('ends only the channel whose access_token was a key that got revoked', async () => {
    const key = await newKey('service_role');
    const c = await phoenix(t.anonKey);
    const { joinRef } = await c.join('realtime:as-key', { access_token: key.secret });
    await c.join('realtime:other', {});
    await t.service({ method: 'DELETE', url: `/v1/keys/${key.id}` });
    expect(await c.inbox.next((m) => m.event === 'system' && m.topic === 'realtime:as-key', 1_000)).toMatchObject({ payload: { status: 'error', message: 'The API key used by this channel was revoked' } });
    expect(await c.inbox.next((m) => m.event === 'phx_close')).toMatchObject({ topic: 'realtime:as-key', join_ref: joinRef });
    const ref = c.push('phoenix', 'heartbeat', {});
    expect((await c.reply(ref)).payload.status).toBe('ok');
    expect(c.closed).toBeUndefined();
  });

  it('closes the dashboard session\'s sockets at logout, and refuses its cookie from another origin', async () => {
    const launch = await t.app.inject({ method: 'GET', url: '/auth/launch?token=test-dashboard-token-0123456789' });
    const cookies = ([] as string[]).concat(launch.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    const cookie = cookies.join('; ');
    const csrf = cookies.find((c) => c.startsWith('trestle_csrf='))!.split('=')[1];
    const host = new URL(http).host;

    await expect(PhoenixClient.open(`${ws}/realtime`, '2.0.0', { cookie, origin: 'http://localhost:5173' })).rejects.toThrow('HTTP 403');
    await expect(PhoenixClient.open(`${ws}/realtime/v1/websocket`, '2.0.0', { cookie })).rejects.toThrow('HTTP 401');
    const feed = await PhoenixClient.open(`${ws}/realtime`, '2.0.0', { cookie, origin: `http://${host}` });
    open.push(feed);

    const out = await fetch(`${http}/api/session/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, origin: `http://${host}` } });
    expect(out.status).toBe(200);
    expect(await feed.waitClosed(1_000)).toEqual({ code: 4001, reason: 'Dashboard session ended' });
  });
});

describe('what the frames carry', () => {
  it('only readable columns, numbers as numbers, old rows only when visible', async () => {
    const c = await phoenix(t.anonKey);
    const token = mintJwt(t.ctx.jwtSecret, { sub: 'carol', role: 'authenticated' });
    const { reply } = await c.join('realtime:acc', {
      access_token: token,
      config: { postgres_changes: [{ event: 'INSERT', schema: 'public', table: 'accounts' }, { event: 'UPDATE', schema: 'public', table: 'accounts' }, { event: '*', schema: 'public', table: 'accounts', filter: 'balance=gt.100' }] },
    });
    const bindings = (reply.payload.response as { postgres_changes: Array<{ id: number; event: string; filter?: string }> }).postgres_changes;
    expect(bindings.map((b) => [b.event, b.filter ?? null])).toEqual([['INSERT', null], ['UPDATE', null], ['*', 'balance=gt.100']]);
    expect(await c.inbox.next((m) => m.event === 'system')).toMatchObject({ payload: { extension: 'postgres_changes', status: 'ok' } });

    await t.sql.query(`INSERT INTO public.accounts VALUES (9007199254740000, 'carol', 150.25, '1234'), (2, 'dave', 5, '0000')`);
    const ins = await changes(c);
    expect(ins.payload.ids).toEqual([bindings[0].id, bindings[2].id]);
    const data = ins.payload.data as Record<string, unknown>;
    expect(data).toMatchObject({ schema: 'public', table: 'accounts', type: 'INSERT', errors: null, record: { id: 9007199254740000, owner: 'carol', balance: 150.25 } });
    expect(data.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(data.columns).toEqual([{ name: 'id', type: 'int8' }, { name: 'owner', type: 'text' }, { name: 'balance', type: 'numeric' }]);
    expect(JSON.stringify(data)).not.toContain('1234');

    // The row moves from carol to dave: carol does not see it go (the new image is not hers).
    await t.sql.query(`UPDATE public.accounts SET owner = 'dave' WHERE id = 9007199254740000`);
    // dave's row becomes carol's: she gets the UPDATE, but not the old image, which was dave's.
    await t.sql.query(`UPDATE public.accounts SET owner = 'carol', balance = 50 WHERE id = 2`);
    const upd = await changes(c);
    expect(upd.payload.ids).toEqual([bindings[1].id]);
    expect(upd.payload.data).toMatchObject({ type: 'UPDATE', record: { id: 2, owner: 'carol', balance: 50 } });
    expect(upd.payload.data).not.toHaveProperty('old_record');
    // Her own row changing: the whole old row (replica identity full), without the column she may not read.
    await t.sql.query(`UPDATE public.accounts SET balance = 60 WHERE id = 2`);
    expect((await changes(c)).payload.data).toMatchObject({ old_record: { id: 2, owner: 'carol', balance: 50 } });
    expect(await c.inbox.settle(300)).toEqual([]);
  });

  it('sends only the columns a binding selects, and says the capture is ready when asked', async () => {
    const c = await phoenix(t.anonKey);
    const token = mintJwt(t.ctx.jwtSecret, { sub: 'erin', role: 'authenticated' });
    await c.join('realtime:select', { access_token: token, config: { broadcast: { replication_ready: true }, postgres_changes: [{ event: 'INSERT', schema: 'public', table: 'accounts', select: ['id'] }] } });
    expect(await c.inbox.next((m) => m.event === 'system' && m.payload.extension === 'system')).toMatchObject({ payload: { status: 'ok', message: 'Replication connection established' } });
    await t.sql.query(`INSERT INTO public.accounts VALUES (40, 'erin', 7, '0000')`);
    const selected = (await changes(c)).payload.data as { record: unknown; columns: unknown };
    expect(selected.record).toEqual({ id: 40 });
    expect(selected.columns).toEqual([{ name: 'id', type: 'int8' }]);
    const denied = await c.join('realtime:select-pin', { access_token: token, config: { postgres_changes: [{ event: 'INSERT', schema: 'public', table: 'accounts', select: ['pin'] }] } });
    expect(denied.reply.payload.status).toBe('ok');
    expect(await c.inbox.next((m) => m.event === 'system' && m.topic === 'realtime:select-pin')).toMatchObject({ payload: { status: 'error', message: expect.stringContaining('"pin" of select') } });
  });

  it('reports bindings that cannot work, and refuses the join when asked to wait for them', async () => {
    const c = await phoenix(t.anonKey);
    const token = mintJwt(t.ctx.jwtSecret, { sub: 'carol', role: 'authenticated' });
    const { reply } = await c.join('realtime:bad', { access_token: token, config: { postgres_changes: [{ event: '*', schema: 'public', table: 'accounts', filter: 'pin=eq.1234' }] } });
    expect(reply.payload.status).toBe('ok');
    expect(await c.inbox.next((m) => m.event === 'system')).toMatchObject({ payload: { status: 'error', message: expect.stringContaining('may not SELECT column "pin"') } });
    await t.sql.query(`INSERT INTO public.accounts VALUES (3, 'carol', 1, '1234')`);
    expect(await c.inbox.settle(300)).toEqual([]);

    const waited = await c.join('realtime:bad2', { config: { postgres_changes: [{ event: '*', schema: 'public', table: 'nope' }], postgres_changes_options: { wait: true } } });
    expect(waited.reply.payload).toMatchObject({ status: 'error', response: { reason: expect.stringContaining('table public.nope does not exist') } });
    for (const [filter, why] of [['balance=like', 'not of the form'], ['balance=foo.1', 'not supported'], ['balance=eq.abc', 'not a valid numeric']]) {
      const r = await c.join(`realtime:f-${why}`, { access_token: token, config: { postgres_changes: [{ event: '*', schema: 'public', table: 'accounts', filter }], postgres_changes_options: { wait: true } } });
      expect(r.reply.payload).toMatchObject({ status: 'error', response: { reason: expect.stringContaining(why) } });
    }
  });
});

describe('protocol edges', () => {
  it('answers heartbeats, refuses bad topics and tokens, leaves, and replaces a second join of a topic', async () => {
    for (const vsn of ['1.0.0', '2.0.0'] as const) {
      const c = await phoenix(t.anonKey, vsn);
      const hb = c.push('phoenix', 'heartbeat', {});
      expect(await c.reply(hb)).toMatchObject({ topic: 'phoenix', payload: { status: 'ok', response: {} } });
      expect((await c.join('lobby', {})).reply.payload).toMatchObject({ status: 'error', response: { reason: 'unmatched topic' } });
      expect((await c.join('realtime:', {})).reply.payload).toMatchObject({ status: 'error', response: { reason: expect.stringContaining('TopicNameRequired') } });
      expect((await c.reply(c.push('realtime:nowhere', 'broadcast', { type: 'broadcast', event: 'x', payload: {} }))).payload.status).toBe('error');
      const expired = mintJwt(t.ctx.jwtSecret, { sub: 'x', role: 'authenticated', exp: Math.floor(Date.now() / 1000) - 5 });
      expect((await c.join('realtime:t', { access_token: expired })).reply.payload).toMatchObject({ status: 'error', response: { reason: 'Token has expired' } });
      expect((await c.join('realtime:t', { access_token: 'not.a.jwt' })).reply.payload).toMatchObject({ status: 'error', response: { reason: expect.stringContaining('InvalidJWTToken') } });
      expect((await c.join('realtime:t', { access_token: 'truss_pk_unknownunknownunknown' })).reply.payload.status).toBe('error');

      const first = await c.join('realtime:dup', {});
      await c.join('realtime:dup', {});
      expect(await c.inbox.next((m) => m.event === 'phx_close')).toMatchObject({ topic: 'realtime:dup', join_ref: first.joinRef });
      const leave = c.push('realtime:dup', 'phx_leave', {});
      expect((await c.reply(leave)).payload.status).toBe('ok');
      expect((await c.reply(c.push('realtime:dup', 'broadcast', { type: 'broadcast', event: 'x', payload: {} }))).payload.status).toBe('error');
    }
  });

  it('refuses a socket without a key, or with a bad vsn', async () => {
    await expect(PhoenixClient.open(`${ws}/realtime/v1/websocket`)).rejects.toThrow('HTTP 401');
    await expect(PhoenixClient.open(`${ws}/realtime/v1/websocket?apikey=truss_pk_wrongwrongwrongwrong`)).rejects.toThrow('HTTP 401');
    await expect(PhoenixClient.open(`${ws}/realtime/v1/websocket?apikey=${t.anonKey}&vsn=3.0.0`)).rejects.toThrow('HTTP 400');
  });

  it('lists sockets and channels for the dashboard', async () => {
    const c = await phoenix(t.anonKey);
    await c.join('realtime:listed', { config: { presence: { key: 'me', enabled: true }, postgres_changes: [{ event: 'INSERT', schema: 'public', table: 'accounts' }] } });
    const list = (await t.service({ method: 'GET', url: '/api/realtime/connections' })).json().connections as Array<{ protocol: string; channels: Array<{ topic: string }> }>;
    const mine = list.find((s) => s.protocol === 'phoenix' && s.channels.some((ch) => ch.topic === 'realtime:listed'));
    expect(mine).toMatchObject({ role: 'anon', via: 'api_key', vsn: '2.0.0', channels: [{ topic: 'realtime:listed', private: false, presence: { enabled: true, key: 'me' }, bindings: [{ event: 'INSERT', schema: 'public', table: 'accounts', error: null }] }] });
    expect((await t.anon({ method: 'GET', url: '/api/realtime/connections' })).statusCode).toBe(403);
  });
});
