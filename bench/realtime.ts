// bench/realtime: postgres_changes to 100 Phoenix subscribers (in their own process, as real clients would be) of a
// table under RLS: half of them anon (one role/claims group), half signed-in users (one group each), so every event
// is checked for every group. Two phases: 10,000 single-row INSERT transactions in one burst (deliveries/s), then
// a steady 1,000 events/s (commit → receive p50/p99). Run: npm run bench -- realtime
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { loadConfig } from '../src-server/config.js';
import { freePort } from '../src-server/postgres/ports.js';
import { signJwt } from '../src-server/security/jwt.js';
import { generateSecret } from '../src-server/services/keys.js';
import { startTrestle } from '../src-server/start.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const RATE = Number(process.env.BENCH_RATE ?? 1_000);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 5);
/** Every PRIVATE_EVERY-th row belongs to one user and only that user may see it; the others are public. */
const PRIVATE_EVERY = 10;

interface Setup { url: string; anonKey: string; tokens: Array<string | null> }
interface Phase { committedAt: number[]; expected: number }
interface PhaseResult { delivered: number; lastAt: number; latencies: { p50: number; p99: number; max: number }; timedOut: boolean }

const pct = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Child process: the subscribers. Records (row n, receipt time) for every postgres_changes frame. */
async function subscribers(): Promise<void> {
  let ns = new Int32Array(1 << 20);
  let at = new Float64Array(1 << 20);
  let count = 0;
  const record = (n: number) => {
    if (count === ns.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      ns = grow(ns);
      at = grow(at);
    }
    ns[count] = n;
    at[count++] = Date.now();
  };
  const setup = await new Promise<Setup>((resolve) => process.once('message', resolve));
  const sockets: WebSocket[] = [];
  for (const token of setup.tokens) {
    const ws = new WebSocket(`${setup.url.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${setup.anonKey}&vsn=2.0.0`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const joined = new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text.includes('"postgres_changes",{"ids"')) {
          const i = text.indexOf('"n":', text.indexOf('"record":'));
          record(Number.parseInt(text.slice(i + 4, i + 16), 10));
        } else if (text.includes('"phx_reply"') && text.includes('"realtime:bench"')) {
          if (text.includes('"status":"ok"')) resolve();
          else reject(new Error(text));
        }
      });
    });
    ws.send(JSON.stringify(['1', '1', 'realtime:bench', 'phx_join', {
      config: { postgres_changes: [{ event: 'INSERT', schema: 'public', table: 'bench_messages' }] }, ...(token ? { access_token: token } : {}),
    }]));
    await joined;
    sockets.push(ws);
  }
  const heartbeat = setInterval(() => sockets.forEach((ws, i) => ws.send(JSON.stringify([null, `hb${i}`, 'phoenix', 'heartbeat', {}]))), 20_000);
  process.send!({ ready: true });
  process.on('message', (phase: Phase & { done?: boolean }) => {
    if (phase.done) {
      clearInterval(heartbeat);
      sockets.forEach((ws) => ws.close());
      return;
    }
    const startedAt = Date.now();
    const check = () => {
      const timedOut = Date.now() - startedAt > 120_000;
      if (count < phase.expected && !timedOut) return setTimeout(check, 20);
      const latencies = new Float64Array(count);
      let lastAt = 0;
      for (let i = 0; i < count; i++) {
        latencies[i] = at[i] - phase.committedAt[ns[i]];
        lastAt = Math.max(lastAt, at[i]);
      }
      latencies.sort();
      const result: PhaseResult = { delivered: count, lastAt, timedOut, latencies: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: latencies[count - 1] ?? NaN } };
      count = 0;
      process.send!(result);
    };
    check();
  });
}

function startSubscribers(setup: Setup): Promise<ChildProcess> {
  const child = fork(new URL(import.meta.url).pathname, ['--subscribers'], { execArgv: ['--import', 'tsx'] });
  child.send(setup);
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

const runPhase = (child: ChildProcess, phase: Phase) => new Promise<PhaseResult>((resolve) => {
  child.once('message', resolve);
  child.send(phase);
});

async function insert(pool: pg.Pool, n: number, userIds: string[]): Promise<void> {
  const owner = n % PRIVATE_EVERY === 0 ? userIds[(n / PRIVATE_EVERY) % userIds.length] : 'everyone';
  await pool.query('INSERT INTO public.bench_messages (n, owner, is_public, body) VALUES ($1, $2, $3, $4)', [n, owner, owner === 'everyone', 'x'.repeat(100)]);
}

/** `rows` single-row transactions from WRITERS connections, as fast as they go or paced at `rate` per second. */
async function write(pool: pg.Pool, rows: number, userIds: string[], rate?: number): Promise<{ committedAt: number[]; ms: number; epoch0: number }> {
  const committedAt = new Array<number>(rows).fill(0);
  let next = 0;
  const epoch0 = Date.now();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, async () => {
    while (next < rows) {
      const n = next++;
      const due = rate ? epoch0 + (n * 1000) / rate : 0;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      await insert(pool, n, userIds);
      committedAt[n] = Date.now();
    }
  }));
  return { committedAt, ms: performance.now() - t0, epoch0 };
}

/** How many deliveries n rows should make: public rows reach everyone, private ones only their owner. */
function expectedDeliveries(rows: number, userIds: string[]): number {
  let total = 0;
  for (let n = 0; n < rows; n++) total += n % PRIVATE_EVERY === 0 ? 1 : SUBSCRIBERS;
  return userIds.length ? total : 0;
}

interface Counters { events_received: number; visibility_checks: number; visibility_check_ms: number }

async function counters(url: string, key: string): Promise<Counters> {
  return (await fetch(`${url}/api/realtime/status`, { headers: { apikey: key } })).json() as Promise<Counters>;
}

function checks(before: Counters, after: Counters): string {
  const n = after.visibility_checks - before.visibility_checks;
  const events = after.events_received - before.events_received;
  return `  ${n} batched checks (${(events / Math.max(1, n)).toFixed(1)} events each, ${((after.visibility_check_ms - before.visibility_check_ms) / Math.max(1, n)).toFixed(1)} ms each)`;
}

function report(label: string, rows: number, writeMs: number, epoch0: number, r: PhaseResult, expected: number): void {
  const totalS = (r.lastAt - epoch0) / 1000;
  console.log(`${label}: ${rows} single-row transactions in ${(writeMs / 1000).toFixed(2)} s (${Math.round(rows / (writeMs / 1000))}/s)`);
  console.log(`  delivered ${r.delivered} of ${expected} frames to ${SUBSCRIBERS} subscribers in ${totalS.toFixed(2)} s from the first insert → ${Math.round(r.delivered / totalS)} deliveries/s${r.timedOut ? ' (TIMED OUT)' : ''}`);
  console.log(`  commit → receive: p50 ${r.latencies.p50.toFixed(0)} ms, p99 ${r.latencies.p99.toFixed(0)} ms, max ${r.latencies.max.toFixed(0)} ms`);
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-bench-realtime-'));
  const anonKey = generateSecret('anon');
  const serviceKey = generateSecret('service_role');
  const config = loadConfig({}, { dataDir, port: await freePort(), pgPort: await freePort(), logTarget: 'silent', serviceKey, anonKey });
  const running = await startTrestle(config);
  const pool = new pg.Pool({ connectionString: running.ctx.postgres.url(running.ctx.databases.mainName), max: WRITERS });
  let child: ChildProcess | undefined;
  try {
    await pool.query(`
      CREATE TABLE public.bench_messages (id bigserial PRIMARY KEY, n int NOT NULL, owner text NOT NULL, is_public boolean NOT NULL, body text);
      ALTER TABLE public.bench_messages ENABLE ROW LEVEL SECURITY;
      CREATE POLICY everyone ON public.bench_messages FOR SELECT USING (is_public);
      CREATE POLICY own ON public.bench_messages FOR SELECT TO authenticated USING (owner = (auth.jwt() ->> 'sub'));
      ALTER PUBLICATION supabase_realtime ADD TABLE public.bench_messages;`);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const userIds = Array.from({ length: Math.ceil(SUBSCRIBERS / 2) }, (_, i) => `user-${i}`);
    const tokens = Array.from({ length: SUBSCRIBERS }, (_, i) => (i % 2 === 0 ? signJwt({ sub: userIds[i / 2], role: 'authenticated', exp }, running.ctx.jwtSecret) : null));
    child = await startSubscribers({ url: running.url, anonKey, tokens });
    const groups = tokens.filter(Boolean).length + (tokens.some((t) => !t) ? 1 : 0);
    console.log(`${SUBSCRIBERS} subscribers (${tokens.filter(Boolean).length} signed-in users, ${tokens.filter((t) => !t).length} anon): ${groups} role/claims groups checked per batch; 1 row in ${PRIVATE_EVERY} is private to one user`);

    // Phase 1: a burst.
    let before = await counters(running.url, serviceKey);
    const burst = await write(pool, EVENTS, userIds);
    const expected = expectedDeliveries(EVENTS, userIds);
    report('burst', EVENTS, burst.ms, burst.epoch0, await runPhase(child, { committedAt: burst.committedAt, expected }), expected);
    let after = await counters(running.url, serviceKey);
    console.log(checks(before, after));

    // Phase 2: a steady rate.
    await pool.query('TRUNCATE public.bench_messages');
    before = await counters(running.url, serviceKey);
    const rows = RATE * RATE_SECONDS;
    const steady = await write(pool, rows, userIds, RATE);
    const expected2 = expectedDeliveries(rows, userIds);
    report(`steady ${RATE} events/s`, rows, steady.ms, steady.epoch0, await runPhase(child, { committedAt: steady.committedAt, expected: expected2 }), expected2);
    after = await counters(running.url, serviceKey);
    console.log(checks(before, after));
  } finally {
    child?.send({ done: true });
    setTimeout(() => child?.kill(), 500).unref();
    await pool.end();
    await running.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--subscribers')) await subscribers();
else await main();
