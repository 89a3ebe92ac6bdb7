// No committed event is lost across a down receiver, a graceful restart and a kill -9 of the process delivering.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.js';
import { HttpReceiver } from '../../../test/helpers/http-receiver.js';
import { MODULE_PLUGINS } from '../../server.js';
import { createWebhooksPlugin } from './index.js';

// Retries keep going for the whole test (the receiver is down for a while); a crashed claim expires in 3 s.
const OPTIONS = { retryBaseMs: 20, retryMaxDelayMs: 200, maxAttempts: 100_000, timeoutMs: 1000, leaseMs: 3000, pollMs: 200 };
const plugins = { ...MODULE_PLUGINS, webhooks: createWebhooksPlugin(OPTIONS) };
const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/helpers/trestle-child.ts');

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
});

async function startChild(databaseUrl: string): Promise<ChildProcess> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-child-'));
  cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, TRESTLE_DATA_DIR: dataDir,
      TRESTLE_CHILD_WEBHOOK_OPTIONS: JSON.stringify(OPTIONS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanup.push(async () => child.kill('SIGKILL'));
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
  return child;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('webhook durability', () => {
  it('delivers all 1,000 events across a down receiver, a restart and a kill -9, duplicates only from the crash', { timeout: 150_000 }, async () => {
    const rx = await new HttpReceiver().start();
    cleanup.push(() => rx.stop());
    const port = rx.port;
    await rx.stop(); // down

    // Phase A: the server runs, the receiver is down; then a graceful stop.
    const a = await createTestApp({}, { plugins });
    // A client of our own: it outlives the servers started and stopped below.
    const sql = new pg.Client({ connectionString: a.databaseUrl });
    await sql.connect();
    cleanup.push(() => sql.end());
    await sql.query('CREATE TABLE public.orders (id serial PRIMARY KEY, n int NOT NULL)');
    const created = await a.service({ method: 'POST', url: '/api/webhooks', payload: { table_name: 'orders', events: ['INSERT'], url: `http://127.0.0.1:${port}/orders` } });
    expect(created.statusCode, created.body).toBe(201);
    const hookId = created.json().webhook.id as string;
    let next = 1;
    const write = async (count: number) => {
      const bulk = Math.floor(count * 0.8);
      await sql.query('INSERT INTO public.orders (n) SELECT g FROM generate_series($1::int, $2::int) g', [next, next + bulk - 1]);
      next += bulk;
      for (; bulk < count; count--) await sql.query('INSERT INTO public.orders (n) VALUES ($1)', [next++]);
    };
    const attempts = async () => (await sql.query<{ c: number }>('SELECT count(*)::int AS c FROM trestle.webhook_logs WHERE webhook_id = $1', [hookId])).rows[0].c;
    await write(250);
    await waitUntil(async () => (await attempts()) >= 3, 10_000, 'failed attempts while the receiver is down');
    await a.close();

    // Phase B: nothing runs.
    await write(250);

    // Phase C: a child process delivers to a slow receiver and is killed with SIGKILL mid-stream.
    rx.respond = () => ({ status: 200, delayMs: 5 });
    await rx.start(port);
    const child = await startChild(a.databaseUrl);
    await rx.waitFor((r) => r.length >= 100, 40_000);
    await write(250);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const beforeCrash = rx.received.length;
    expect(beforeCrash).toBeGreaterThan(0);

    // Phase D: receiver down again, more writes with nothing running.
    await rx.stop();
    await write(250);
    expect(next - 1).toBe(1000);

    // Phase E: receiver back, server restarted: everything arrives.
    rx.respond = () => ({ status: 200 });
    await rx.start(port);
    const b = await createTestApp({}, { database: a.database, plugins });
    cleanup.push(() => b.close());
    await rx.waitFor((r) => new Set(r.map((x) => x.json.id)).size >= 1000, 45_000);

    const { rows } = await b.sql.query<{ id: string; event_id: string; status: string }>(
      `SELECT id, event_id, status FROM trestle.webhook_events WHERE webhook_id = $1 ORDER BY id`, [hookId]);
    expect(rows).toHaveLength(1000);
    await waitUntil(async () => (await b.sql.query(`SELECT 1 FROM trestle.webhook_events WHERE webhook_id = $1 AND status <> 'delivered'`, [hookId])).rowCount === 0, 5_000, 'all events marked delivered');
    const ids = rx.received.map((r) => r.json.id);
    const distinct = new Set(ids);
    expect([...distinct].sort()).toEqual(rows.map((r) => r.event_id).sort());
    const rowsN = new Set(rx.received.map((r) => r.json.row!.n));
    expect(rowsN.size).toBe(1000);
    // At-least-once: only events claimed by the killed process when it died can arrive twice (one batch at most).
    const duplicates = ids.length - distinct.size;
    expect(duplicates).toBeLessThanOrEqual(25);
    // In order: the first arrival of each event follows the outbox order.
    const order = new Map(rows.map((r, i) => [r.event_id, i]));
    const firsts = [...distinct].map((id) => order.get(id)!);
    expect(firsts).toEqual([...firsts].sort((x, y) => x - y));
    process.stdout.write(`durability: 1000 events, ${ids.length} requests, ${duplicates} duplicates, ${beforeCrash} received before the kill\n`);
  });
});
