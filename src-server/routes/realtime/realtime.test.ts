import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let base: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  t = await createTestApp();
  base = (await t.listen()).replace(/^http/, 'ws');
  await t.sql.query(`
    CREATE TABLE public.messages (id serial PRIMARY KEY, body text);
    CREATE TABLE public.other (id serial PRIMARY KEY, v int);
    CREATE TABLE public.notes (id serial PRIMARY KEY, body text, public boolean NOT NULL DEFAULT false);
    ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
    CREATE POLICY notes_public ON public.notes FOR SELECT TO anon USING (public);
    GRANT USAGE ON SCHEMA public TO anon;
    GRANT SELECT ON public.notes, public.messages TO anon;
  `);
  for (const table of ['messages', 'other', 'notes']) {
    const res = await t.service({ method: 'POST', url: '/api/realtime/subscribe', payload: { schema: 'public', table } });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  await t?.close();
});

// Messages are checked with toMatchObject; the fields tests read are typed loosely on purpose.
type Msg = { type?: string; [key: string]: unknown };

interface Client {
  ws: WebSocket;
  messages: Array<Msg>;
  next(pred: (m: Msg) => boolean, timeoutMs?: number): Promise<Msg>;
  send(msg: object): void;
}

async function connect(query: string, headers: Record<string, string> = {}): Promise<Client> {
  const ws = new WebSocket(`${base}/realtime${query}`, { headers });
  sockets.push(ws);
  const messages: Array<Msg> = [];
  let seen = 0;
  const waiters = new Set<() => void>();
  ws.on('message', (d) => {
    messages.push(JSON.parse(d.toString()));
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    ws, messages,
    send: (msg) => ws.send(JSON.stringify(msg)),
    // Consumes messages in order: resolves with the first unseen one matching pred.
    next: (pred, timeoutMs = 5_000) => new Promise((resolve, reject) => {
      const check = () => {
        for (; seen < messages.length; seen++) {
          if (pred(messages[seen])) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(messages[seen++]);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages.slice(-5))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    }),
  };
}
const isEvent = (m: Msg) => m.type === 'event';

describe('realtime subscriptions API', () => {
  it('lists subscriptions and status, rejects unknown tables, audits changes', async () => {
    const subs = (await t.service({ method: 'GET', url: '/api/realtime/subscriptions' })).json().subscriptions;
    expect(subs.map((s: { table: string }) => s.table)).toEqual(['messages', 'notes', 'other']);
    expect(subs[0]).toMatchObject({ schema: 'public', primary_key: ['id'], row_security: false });
    const v1 = (await t.service({ method: 'GET', url: '/v1/realtime' })).json();
    expect(v1.status).toMatchObject({ listener_connected: true, channels: ['public.messages', 'public.notes', 'public.other'] });
    expect((await t.service({ method: 'POST', url: '/api/realtime/subscribe', payload: { table: 'nope' } })).statusCode).toBe(404);
    expect((await t.service({ method: 'POST', url: '/api/realtime/subscribe', payload: { schema: 'trestle', table: 'webhooks' } })).statusCode).toBe(400);
    expect((await t.service({ method: 'POST', url: '/api/realtime/subscribe', payload: {} })).statusCode).toBe(400);
    expect((await t.service({ method: 'DELETE', url: '/api/realtime/subscribe', payload: { table: 'nope' } })).statusCode).toBe(404);
    expect((await t.anon({ method: 'GET', url: '/v1/realtime' })).statusCode).toBe(403);
    const modules = (await t.service({ method: 'GET', url: '/v1/modules' })).json();
    const list = (Array.isArray(modules) ? modules : modules.modules) as Array<{ id: string; status: string }>;
    expect(list.filter((m) => m.id === 'realtime' || m.id === 'webhooks').map((m) => m.status)).toEqual(['available', 'available']);
    const { rows } = await t.sql.query(`SELECT resource_id FROM trestle.audit_log WHERE action = 'realtime.subscribe' ORDER BY id`);
    expect(rows.map((r) => r.resource_id)).toEqual(['public.messages', 'public.other', 'public.notes']);
  });

  it('refuses a WebSocket without a valid key or session', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect('?apikey=truss_sk_wrongwrongwrongwrong')).rejects.toThrow('HTTP 401');
  });
});

describe('realtime over WebSocket', () => {
  it('tells the client the channels, then streams INSERT, UPDATE and DELETE', async () => {
    const c = await connect(`?apikey=${t.serviceKey}`);
    const hello = await c.next((m) => m.type === 'connected');
    expect(hello).toMatchObject({ role: 'service_role', channels: expect.arrayContaining([{ schema: 'public', table: 'messages' }]) });
    await t.sql.query(`INSERT INTO public.messages (body) VALUES ('hi')`);
    await t.sql.query(`UPDATE public.messages SET body = 'hey' WHERE body = 'hi'`);
    await t.sql.query(`DELETE FROM public.messages WHERE body = 'hey'`);
    const ins = await c.next(isEvent);
    expect(ins).toMatchObject({ schema: 'public', table: 'messages', operation: 'INSERT', row: { body: 'hi' }, old_row: null, truncated: false });
    expect(Number.isNaN(Date.parse(String(ins.timestamp)))).toBe(false);
    expect(await c.next(isEvent)).toMatchObject({ operation: 'UPDATE', row: { body: 'hey' }, old_row: { body: 'hi' } });
    expect(await c.next(isEvent)).toMatchObject({ operation: 'DELETE', row: null, old_row: { body: 'hey' } });
    const events = (await t.service({ method: 'GET', url: '/api/realtime/events' })).json().events;
    expect(events[0]).toMatchObject({ table: 'messages', operation: 'DELETE' });
    const status = (await t.service({ method: 'GET', url: '/api/realtime/status' })).json();
    expect(status.clients).toBeGreaterThanOrEqual(1);
    expect(status.event_log_size).toBeGreaterThanOrEqual(3);
  });

  it('narrows to subscribed tables, and unsubscribe stops them', async () => {
    const c = await connect(`?apikey=${t.serviceKey}`);
    c.send({ type: 'subscribe', schema: 'public', table: 'other' });
    expect(await c.next((m) => m.type === 'subscribed')).toMatchObject({ table: 'other', channel_active: true });
    await t.sql.query(`INSERT INTO public.messages (body) VALUES ('not for you')`);
    await t.sql.query(`INSERT INTO public.other (v) VALUES (1)`);
    expect(await c.next(isEvent)).toMatchObject({ table: 'other', row: { v: 1 } });
    c.send({ type: 'unsubscribe', schema: 'public', table: 'other' });
    await c.next((m) => m.type === 'unsubscribed');
    c.send({ type: 'subscribe', table: 'messages' });
    await c.next((m) => m.type === 'subscribed');
    await t.sql.query(`INSERT INTO public.other (v) VALUES (2)`);
    await t.sql.query(`INSERT INTO public.messages (body) VALUES ('for you')`);
    expect(await c.next(isEvent)).toMatchObject({ table: 'messages', row: { body: 'for you' } });
    c.send({ nonsense: true });
    expect(await c.next((m) => m.type === 'error')).toMatchObject({ code: 'BAD_MESSAGE' });
  });

  it('never sends an anon client a row its RLS policy hides', async () => {
    const anon = await connect(`?apikey=${t.anonKey}`);
    const service = await connect(`?apikey=${t.serviceKey}`);
    expect(await anon.next((m) => m.type === 'connected')).toMatchObject({ role: 'anon' });
    for (const c of [anon, service]) c.send({ type: 'subscribe', table: 'notes' });
    await anon.next((m) => m.type === 'subscribed');
    await service.next((m) => m.type === 'subscribed');
    await t.sql.query(`INSERT INTO public.notes (body, public) VALUES ('secret', false)`);
    await t.sql.query(`INSERT INTO public.notes (body, public) VALUES ('hello world', true)`);
    expect(await anon.next(isEvent)).toMatchObject({ operation: 'INSERT', row: { body: 'hello world' } });
    // Each event is judged by its own row image: the deleted public note was visible, so its DELETE is too; the
    // secret one stays hidden whatever happens to it.
    await t.sql.query(`DELETE FROM public.notes WHERE body = 'hello world'`);
    await t.sql.query(`UPDATE public.notes SET body = 'still secret' WHERE body = 'secret'`);
    await t.sql.query(`INSERT INTO public.notes (body, public) VALUES ('last', true)`);
    expect(await service.next(isEvent)).toMatchObject({ row: { body: 'secret' } });
    expect(await service.next(isEvent)).toMatchObject({ row: { body: 'hello world' } });
    expect(await service.next(isEvent)).toMatchObject({ operation: 'DELETE' });
    expect(await service.next(isEvent)).toMatchObject({ operation: 'UPDATE', row: { body: 'still secret' } });
    expect(await service.next(isEvent)).toMatchObject({ row: { body: 'last' } });
    expect(await anon.next(isEvent)).toMatchObject({ operation: 'DELETE', row: null, old_row: { body: 'hello world' } });
    expect(await anon.next(isEvent)).toMatchObject({ row: { body: 'last' } });
    expect(JSON.stringify(anon.messages)).not.toContain('secret');
    expect(anon.messages.filter(isEvent)).toHaveLength(3);
  });

  it('sends the primary key with truncated: true for rows over 1 MB', async () => {
    const c = await connect(`?apikey=${t.serviceKey}`);
    c.send({ type: 'subscribe', table: 'messages' });
    await c.next((m) => m.type === 'subscribed');
    const { rows } = await t.sql.query(`INSERT INTO public.messages (body) VALUES (repeat('x', 20000)) RETURNING id`);
    expect(await c.next(isEvent)).toMatchObject({ operation: 'INSERT', row: { id: rows[0].id, body: 'x'.repeat(20000) }, truncated: false });
    const big = await t.sql.query(`INSERT INTO public.messages (body) VALUES (repeat('y', 1100000)) RETURNING id`);
    expect(await c.next(isEvent)).toEqual(expect.objectContaining({ operation: 'INSERT', row: { id: big.rows[0].id }, truncated: true }));
  });

  it('accepts the dashboard session cookie', async () => {
    const launch = await t.app.inject({ method: 'GET', url: '/auth/launch?token=test-dashboard-token-0123456789' });
    const cookies = ([] as string[]).concat(launch.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    expect(cookies).toContain('trestle_session=');
    const c = await connect('', { cookie: cookies });
    expect(await c.next((m) => m.type === 'connected')).toMatchObject({ role: 'service_role' });
  });

  it('tells clients when the database connection was lost and comes back, then streams again', async () => {
    const c = await connect(`?apikey=${t.serviceKey}`);
    c.send({ type: 'subscribe', table: 'other' });
    await c.next((m) => m.type === 'subscribed');
    const { rows } = await t.sql.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'trestle-listener' AND datname = $1`, [t.database]);
    expect(rows.length).toBeGreaterThan(0);
    expect(await c.next((m) => m.type === 'system')).toMatchObject({ status: 'disconnected' });
    expect(await c.next((m) => m.type === 'system')).toMatchObject({ status: 'reconnected' });
    await t.sql.query(`INSERT INTO public.other (v) VALUES (42)`);
    expect(await c.next(isEvent)).toMatchObject({ table: 'other', row: { v: 42 } });
  });
});
