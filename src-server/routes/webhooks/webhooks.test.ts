import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { HttpReceiver } from '../../../test/helpers/http-receiver.js';
import { MODULE_PLUGINS } from '../../server.js';
import { createWebhooksPlugin } from './index.js';

const FAST = { retryBaseMs: 5, retryMaxDelayMs: 80, maxAttempts: 8, timeoutMs: 1000, leaseMs: 3000, pollMs: 200 };

let t: TestApp;
let rx: HttpReceiver;
beforeAll(async () => {
  t = await createTestApp({}, { plugins: { ...MODULE_PLUGINS, webhooks: createWebhooksPlugin(FAST) } });
  rx = await new HttpReceiver().start();
});
afterAll(async () => {
  await t?.close();
  await rx?.stop();
});

let n = 0;
/** A fresh table and a webhook on it pointing at the receiver under its own path. */
async function hookOn(extra: Record<string, unknown> = {}, events = ['INSERT', 'UPDATE', 'DELETE']) {
  const table = `items_${++n}`;
  await t.sql.query(`CREATE TABLE public.${table} (id serial PRIMARY KEY, name text, n int)`);
  const res = await t.service({ method: 'POST', url: '/api/webhooks', payload: { table_name: table, events, url: `${rx.url}/${table}`, ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  return { table, webhook: res.json().webhook, path: `/${table}` };
}
const at = (path: string) => rx.received.filter((r) => r.path === path);

describe('webhook management', () => {
  it('creates, lists, updates, pauses and deletes a webhook; the secret is never returned; all audited', async () => {
    const { table, webhook } = await hookOn({ name: 'orders', secret: 's3cret', headers: { 'X-Env': 'dev' } }, ['insert', 'DELETE']);
    expect(webhook).toMatchObject({ name: 'orders', table_schema: 'public', table_name: table, events: ['INSERT', 'DELETE'], has_secret: true, active: true, headers: { 'X-Env': '********' }, database: t.database });
    expect(webhook.stats).toMatchObject({ delivered: 0, failed: 0, pending: 0, health: 'idle' });
    expect(JSON.stringify(webhook)).not.toContain('s3cret');
    const list = (await t.service({ method: 'GET', url: '/v1/webhooks' })).json().webhooks;
    expect(list.map((w: { id: string }) => w.id)).toContain(webhook.id);
    expect(JSON.stringify(list)).not.toContain('s3cret');

    const paused = await t.service({ method: 'PATCH', url: `/api/webhooks/${webhook.id}`, payload: { active: false, secret: null, events: ['UPDATE'] } });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json().webhook).toMatchObject({ active: false, has_secret: false, events: ['UPDATE'] });
    expect(paused.json().webhook.stats.health).toBe('paused');
    const { rows: trig } = await t.sql.query(`SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`, [table]);
    expect(trig).toHaveLength(1);
    expect(trig[0].def).toMatch(/AFTER UPDATE ON public\.items_\d+ FOR EACH ROW/);

    const del = await t.service({ method: 'DELETE', url: `/api/webhooks/${webhook.id}` });
    expect(del.statusCode).toBe(200);
    expect((await t.service({ method: 'GET', url: `/v1/webhooks/${webhook.id}` })).statusCode).toBe(404);
    const { rowCount } = await t.sql.query(`SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`, [table]);
    expect(rowCount).toBe(0);
    const { rows } = await t.sql.query(`SELECT action FROM trestle.audit_log WHERE resource_id = $1 ORDER BY id`, [webhook.id]);
    expect(rows.map((r) => r.action)).toEqual(['webhook.create', 'webhook.update', 'webhook.delete']);
  });

  it('masks header values and URL passwords in lists, details and the audit log; a mask sent back keeps the value', async () => {
    const { webhook } = await hookOn({ name: 'masked', headers: { Authorization: 'Bearer top-secret' }, url: `${rx.url.replace('http://', 'http://user:hunter2@')}/masked` }, ['INSERT']);
    const detail = (await t.service({ method: 'GET', url: `/v1/webhooks/${webhook.id}` })).json();
    const shown = JSON.stringify([webhook, detail, (await t.service({ method: 'GET', url: '/api/webhooks' })).json()]);
    expect(shown).not.toContain('top-secret');
    expect(shown).not.toContain('hunter2');
    expect(webhook.url).toContain('user:********@');
    const renamed = await t.service({ method: 'PATCH', url: `/api/webhooks/${webhook.id}`, payload: { name: 'renamed', headers: webhook.headers, url: webhook.url } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const { rows } = await t.sql.query('SELECT url, headers FROM trestle.webhooks WHERE id = $1', [webhook.id]);
    expect(rows[0].headers).toEqual({ Authorization: 'Bearer top-secret' });
    expect(rows[0].url).toContain('user:hunter2@');
    const audit = await t.sql.query('SELECT detail::text AS d FROM trestle.audit_log WHERE resource_id = $1', [webhook.id]);
    expect(audit.rows.map((r) => r.d).join()).not.toMatch(/hunter2|top-secret/);
  });

  it('rejects bad input with 400/404 and changes nothing', async () => {
    await t.sql.query('CREATE TABLE public.valid_t (id int PRIMARY KEY)');
    const base = { table_name: 'valid_t', events: ['INSERT'], url: `${rx.url}/x` };
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ ...base, url: 'ftp://example.com/x' }, 400],
      [{ ...base, url: 'not a url' }, 400],
      [{ ...base, events: ['TRUNCATE'] }, 400],
      [{ ...base, events: [] }, 400],
      [{ ...base, headers: { 'Bad Header': 'x' } }, 400],
      [{ ...base, headers: { 'X-Ok': 'line\r\nInjected: 1' } }, 400],
      [{ ...base, headers: { 'Content-Type': 'text/plain' } }, 400],
      [{ ...base, table_name: 'missing"; DROP TABLE valid_t; --' }, 404],
      [{ ...base, table_schema: 'trestle', table_name: 'webhooks' }, 400],
      [{ ...base, extra: 1 }, 400],
      [{ events: ['INSERT'], url: `${rx.url}/x` }, 400],
    ];
    for (const [payload, status] of cases) {
      const res = await t.service({ method: 'POST', url: '/api/webhooks', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().code).toBeTruthy();
    }
    const { rowCount } = await t.sql.query(`SELECT 1 FROM trestle.webhooks WHERE table_name = 'valid_t'`);
    expect(rowCount).toBe(0);
    expect((await t.service({ method: 'PATCH', url: '/api/webhooks/nope', payload: { active: false } })).statusCode).toBe(404);
    expect((await t.anon({ method: 'GET', url: '/v1/webhooks' })).statusCode).toBe(403);
  });
});

describe('webhook delivery', () => {
  it('POSTs the change with custom headers, an event id and a signature that verifies over the exact body', async () => {
    const { table, webhook, path } = await hookOn({ secret: 'topsecret', headers: { 'X-Env': 'dev' } });
    await t.sql.query(`INSERT INTO public.${table} (name, n) VALUES ('a', 1)`);
    await t.sql.query(`UPDATE public.${table} SET n = 2`);
    await t.sql.query(`DELETE FROM public.${table}`);
    await rx.waitFor(() => at(path).length === 3);
    const [ins, upd, del] = at(path);
    for (const r of [ins, upd, del]) {
      const expected = crypto.createHmac('sha256', 'topsecret').update(r.body).digest('hex');
      expect(r.headers['x-truss-signature']).toBe(expected);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-env']).toBe('dev');
      expect(r.headers['x-truss-event-id']).toBe(r.json.id);
      expect(Object.keys(r.json)).toEqual(['id', 'event', 'schema', 'table', 'row', 'old_row', 'timestamp']);
    }
    expect(ins.json).toMatchObject({ event: 'INSERT', schema: 'public', table, row: { id: 1, name: 'a', n: 1 }, old_row: null });
    expect(upd.json).toMatchObject({ event: 'UPDATE', row: { n: 2 }, old_row: { n: 1 } });
    expect(del.json).toMatchObject({ event: 'DELETE', row: null, old_row: { id: 1 } });
    expect(Number.isNaN(Date.parse(ins.json.timestamp))).toBe(false);

    await expect.poll(async () => (await t.service({ method: 'GET', url: `/v1/webhooks/${webhook.id}` })).json().webhook.stats.delivered).toBe(3);
    const detail = (await t.service({ method: 'GET', url: `/v1/webhooks/${webhook.id}` })).json();
    expect(detail.webhook.stats).toMatchObject({ delivered: 3, pending: 0, failed: 0, health: 'healthy', last_status_code: 200 });
    expect(detail.logs).toHaveLength(3);
    expect(detail.logs[0]).toMatchObject({ success: true, status_code: 200, response_body: 'ok', attempt: 1 });
    expect(detail.logs[0].payload.event).toBe('DELETE');
  });

  it('delivers the events of one webhook in commit order', async () => {
    const { table, path } = await hookOn({}, ['INSERT', 'UPDATE']);
    for (let i = 1; i <= 40; i++) await t.sql.query(`INSERT INTO public.${table} (n) VALUES ($1)`, [i]);
    await t.sql.query(`UPDATE public.${table} SET n = n * 10 WHERE id = 1`);
    await t.sql.query(`UPDATE public.${table} SET n = n + 1 WHERE id = 1`);
    await rx.waitFor(() => at(path).length === 42);
    const got = at(path).map((r) => [r.json.event, r.json.row!.n]);
    expect(got).toEqual([...Array.from({ length: 40 }, (_, i) => ['INSERT', i + 1]), ['UPDATE', 10], ['UPDATE', 11]]);
  });

  it('keeps commit order when an older transaction commits after a newer one is already being retried', async () => {
    const { table, path } = await hookOn({}, ['INSERT']);
    const previous = rx.respond;
    let healthy = false;
    const delivered: string[] = [];
    rx.respond = (r, i) => {
      if (r.path !== path) return previous(r, i);
      if (healthy) delivered.push(String(r.json.row!.name));
      return { status: healthy ? 200 : 500 };
    };
    const older = new pg.Client({ connectionString: t.databaseUrl });
    await older.connect();
    try {
      await older.query('BEGIN');
      await older.query(`INSERT INTO public.${table} (name) VALUES ('older')`); // takes the smaller event id
      await t.sql.query(`INSERT INTO public.${table} (name) VALUES ('newer')`); // commits first
      await rx.waitFor(() => at(path).length >= 2);
      await older.query('COMMIT');
      healthy = true;
      await rx.waitFor(() => delivered.length >= 2);
      expect(delivered).toEqual(['newer', 'older']);
    } finally {
      rx.respond = previous;
      await older.end();
    }
  });

  it('sends nothing for a rolled-back change', async () => {
    const { table, path } = await hookOn();
    await t.sql.query('BEGIN');
    await t.sql.query(`INSERT INTO public.${table} (name) VALUES ('ghost')`);
    await t.sql.query('ROLLBACK');
    await t.sql.query(`INSERT INTO public.${table} (name) VALUES ('real')`);
    await rx.waitFor(() => at(path).length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(at(path).map((r) => r.json.row!.name)).toEqual(['real']);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS c FROM trestle.webhook_events WHERE table_name = $1`, [table]);
    expect(rows[0].c).toBe(1);
  });

  it('retries a receiver answering 500 three times, then delivers exactly once', async () => {
    const { table, webhook, path } = await hookOn();
    let calls = 0;
    const previous = rx.respond;
    rx.respond = (r, i) => (r.path === path ? (++calls <= 3 ? { status: 500, body: 'boom' } : { status: 200, body: 'fine' }) : previous(r, i));
    try {
      await t.sql.query(`INSERT INTO public.${table} (name) VALUES ('retry me')`);
      await rx.waitFor(() => at(path).length >= 4);
      await new Promise((r) => setTimeout(r, 400));
      expect(at(path)).toHaveLength(4);
      expect(new Set(at(path).map((r) => r.json.id)).size).toBe(1);
      const logs = (await t.service({ method: 'GET', url: `/api/webhooks/${webhook.id}/logs` })).json().logs;
      expect(logs.map((l: { attempt: number; status_code: number; success: boolean }) => [l.attempt, l.status_code, l.success]))
        .toEqual([[4, 200, true], [3, 500, false], [2, 500, false], [1, 500, false]]);
      expect(logs[1]).toMatchObject({ response_body: 'boom', error: 'Receiver answered 500' });
      const failures = (await t.service({ method: 'GET', url: `/api/webhooks/${webhook.id}/logs?outcome=failure&limit=2` })).json().logs;
      expect(failures.map((l: { attempt: number }) => l.attempt)).toEqual([3, 2]);
    } finally {
      rx.respond = previous;
    }
  });

  it('marks an event failed after the last attempt, and a replay re-sends it with the same event id', async () => {
    const { table, webhook, path } = await hookOn();
    const previous = rx.respond;
    let healthy = false;
    rx.respond = (r, i) => (r.path === path ? { status: healthy ? 204 : 503 } : previous(r, i));
    try {
      await t.sql.query(`INSERT INTO public.${table} (name) VALUES ('doomed')`);
      await expect.poll(async () => (await t.service({ method: 'GET', url: `/v1/webhooks/${webhook.id}` })).json().webhook.stats.failed, { timeout: 10_000 }).toBe(1);
      expect(at(path)).toHaveLength(8);
      const stats = (await t.service({ method: 'GET', url: '/api/webhooks' })).json().webhooks.find((w: { id: string }) => w.id === webhook.id).stats;
      expect(stats).toMatchObject({ failed: 1, pending: 0, health: 'failing', last_status_code: 503 });
      const [last] = (await t.service({ method: 'GET', url: `/api/webhooks/${webhook.id}/logs?limit=1` })).json().logs;
      healthy = true;
      const replay = await t.service({ method: 'POST', url: `/api/webhooks/${webhook.id}/replay/${last.id}` });
      expect(replay.statusCode, replay.body).toBe(200);
      expect(replay.json()).toMatchObject({ success: true, status_code: 204 });
      expect(at(path)).toHaveLength(9);
      expect(at(path)[8].body).toBe(at(path)[0].body);
      const after = (await t.service({ method: 'GET', url: `/v1/webhooks/${webhook.id}` })).json().webhook.stats;
      expect(after).toMatchObject({ failed: 0, delivered: 1, health: 'healthy' });
      expect((await t.service({ method: 'POST', url: `/api/webhooks/${webhook.id}/replay/999999` })).statusCode).toBe(404);
    } finally {
      rx.respond = previous;
    }
  });

  it('does not follow redirects, and a slow receiver does not hold up another webhook', async () => {
    const slow = await hookOn();
    const fast = await hookOn();
    const redirect = await hookOn();
    const previous = rx.respond;
    rx.respond = (r, i) => r.path === slow.path ? { status: 200, delayMs: 2_000 }
      : r.path === redirect.path ? { status: 302, headers: { location: `${rx.url}${fast.path}` } } : previous(r, i);
    try {
      await t.sql.query(`INSERT INTO public.${slow.table} (name) VALUES ('slow')`);
      await rx.waitFor(() => at(slow.path).length === 1);
      await t.sql.query(`INSERT INTO public.${fast.table} (name) VALUES ('fast')`);
      await t.sql.query(`INSERT INTO public.${redirect.table} (name) VALUES ('moved')`);
      await rx.waitFor(() => at(fast.path).length === 1, 800);
      expect(at(fast.path)[0].json.row!.name).toBe('fast');
      await expect.poll(async () => (await t.service({ method: 'GET', url: `/api/webhooks/${redirect.webhook.id}/logs` })).json().logs.length).toBeGreaterThan(0);
      const [log] = (await t.service({ method: 'GET', url: `/api/webhooks/${redirect.webhook.id}/logs` })).json().logs;
      expect(log).toMatchObject({ success: false, status_code: 302 });
      expect(log.error).toMatch(/Redirect \(302\) not followed/);
      // The slow receiver exceeded the 1 s test timeout: that attempt failed with a timeout, then was retried.
      await expect.poll(async () => (await t.service({ method: 'GET', url: `/api/webhooks/${slow.webhook.id}/logs?outcome=failure` })).json().logs[0]?.error, { timeout: 5_000 }).toMatch(/Timed out/);
      await t.service({ method: 'PATCH', url: `/api/webhooks/${slow.webhook.id}`, payload: { active: false } });
      await t.service({ method: 'PATCH', url: `/api/webhooks/${redirect.webhook.id}`, payload: { active: false } });
    } finally {
      rx.respond = previous;
    }
  });

  it('holds events while paused and delivers them on resume', async () => {
    const { table, webhook, path } = await hookOn();
    await t.service({ method: 'PATCH', url: `/api/webhooks/${webhook.id}`, payload: { active: false } });
    await t.sql.query(`INSERT INTO public.${table} (name) VALUES ('held')`);
    await new Promise((r) => setTimeout(r, 300));
    expect(at(path)).toHaveLength(0);
    expect((await t.service({ method: 'GET', url: `/v1/webhooks/${webhook.id}` })).json().webhook.stats.pending).toBe(1);
    await t.service({ method: 'PATCH', url: `/api/webhooks/${webhook.id}`, payload: { active: true } });
    await rx.waitFor(() => at(path).length === 1);
    expect(at(path)[0].json.row!.name).toBe('held');
  });

  it('sends a TEST event on demand and reports status, latency and body', async () => {
    const { webhook, path } = await hookOn({ secret: 'k' });
    const res = await t.service({ method: 'POST', url: `/api/webhooks/${webhook.id}/test` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ success: true, status_code: 200, response_body: 'ok', error: null });
    expect(res.json().latency_ms).toBeGreaterThanOrEqual(0);
    expect(at(path)[0].json).toMatchObject({ event: 'TEST', table: webhook.table_name });
    expect(at(path)[0].headers['x-truss-signature']).toBe(crypto.createHmac('sha256', 'k').update(at(path)[0].body).digest('hex'));
    const { rows } = await t.sql.query(`SELECT action FROM trestle.audit_log WHERE resource_id = $1 AND action = 'webhook.test'`, [webhook.id]);
    expect(rows).toHaveLength(1);
  });

  it('captures changes made through an anon role too', async () => {
    const { table, path } = await hookOn({}, ['INSERT']);
    await t.sql.query(`GRANT INSERT ON public.${table} TO anon; GRANT USAGE ON SEQUENCE public.${table}_id_seq TO anon`);
    await t.sql.query('BEGIN; SET LOCAL ROLE anon');
    await t.sql.query(`INSERT INTO public.${table} (name) VALUES ('from anon')`);
    await t.sql.query('COMMIT');
    await rx.waitFor(() => at(path).length === 1);
    expect(at(path)[0].json.row!.name).toBe('from anon');
  });
});

describe('cancelling pending deliveries', () => {
  it('drops a flood from the outbox; the lane stops sending what it had claimed; audited', async () => {
    const { table, webhook, path } = await hookOn({}, ['INSERT']);
    const before = rx.respond;
    rx.respond = (r, i) => (r.path === path ? { status: 200, body: 'ok', delayMs: 100 } : before(r, i));
    try {
      await t.sql.query(`INSERT INTO public.${table} (name) SELECT 'row ' || g FROM generate_series(1, 200) g`);
      for (let i = 0; i < 100 && at(path).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const res = await t.service({ method: 'POST', url: `/api/webhooks/${webhook.id}/cancel-pending` });
      expect(res.statusCode).toBe(200);
      const { cancelled, in_flight } = res.json();
      expect(cancelled).toBeGreaterThan(150);
      expect(in_flight).toBeGreaterThanOrEqual(0);
      const sentThen = at(path).length;
      await new Promise((r) => setTimeout(r, 600));
      expect(at(path).length).toBeLessThanOrEqual(sentThen + 1);
      const detail = (await t.service({ method: 'GET', url: `/api/webhooks/${webhook.id}` })).json();
      expect(detail.webhook.stats.pending).toBe(0);
      const { rows } = await t.sql.query(`SELECT detail FROM trestle.audit_log WHERE action = 'webhook.cancel_pending' AND resource_id = $1`, [webhook.id]);
      expect(rows[0].detail.cancelled).toBe(cancelled);
      // New changes are delivered as before.
      await t.sql.query(`INSERT INTO public.${table} (name) VALUES ('after')`);
      await rx.waitFor(() => at(path).some((r) => r.json.row?.name === 'after'));
    } finally {
      rx.respond = before;
    }
  });
});
