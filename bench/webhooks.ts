// bench/webhooks: 10,000 single-row INSERT transactions in one burst on a watched table, delivered to a local
// receiver in its own process (as a real receiver would be); prints delivered events/s and the p50/p99 time from
// commit to receipt. Run: npx tsx bench/webhooks.ts
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src-server/config.js';
import { freePort } from '../src-server/postgres/ports.js';
import { generateSecret } from '../src-server/services/keys.js';
import { startTrestle } from '../src-server/start.js';
import { HttpReceiver } from '../test/helpers/http-receiver.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);

type Receipts = Array<[n: number, at: number]>;

/** Child process mode: a receiver that answers 200 and, when asked, reports the first receipt time of each row. */
async function receiver(): Promise<void> {
  const rx = await new HttpReceiver().start();
  process.on('message', (msg: { want: number }) => {
    const check = () => {
      if (rx.received.length < msg.want) return setTimeout(check, 20);
      const receipts: Receipts = rx.received.map((r) => [r.json.row!.n as number, r.at]);
      process.send!({ receipts, requests: rx.received.length });
    };
    check();
  });
  process.send!({ port: rx.port });
}

function startReceiver(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL(import.meta.url).pathname, ['--receiver'], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve) => child.once('message', (m: { port: number }) => resolve({ child, port: m.port })));
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-bench-webhooks-'));
  const serviceKey = generateSecret('service_role');
  const config = loadConfig({}, {
    dataDir, port: await freePort(), pgPort: await freePort(), logTarget: 'silent', serviceKey, anonKey: generateSecret('anon'),
  });
  const running = await startTrestle(config);
  const rx = await startReceiver();
  const pool = new pg.Pool({ connectionString: running.ctx.postgres.url(running.ctx.databases.mainName), max: WRITERS });
  try {
    await pool.query('CREATE TABLE public.bench_events (id bigserial PRIMARY KEY, n int NOT NULL, payload text)');
    const res = await fetch(`${running.url}/api/webhooks`, {
      method: 'POST', headers: { apikey: serviceKey, 'content-type': 'application/json' },
      body: JSON.stringify({ table_name: 'bench_events', events: ['INSERT'], url: `http://127.0.0.1:${rx.port}/bench`, secret: 'bench-secret' }),
    });
    if (res.status !== 201) throw new Error(`creating the webhook failed: ${res.status} ${await res.text()}`);

    const committedAt = new Float64Array(EVENTS);
    let next = 0;
    const t0 = performance.now();
    const epoch0 = Date.now();
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      while (next < EVENTS) {
        const n = next++;
        await pool.query('INSERT INTO public.bench_events (n, payload) VALUES ($1, $2)', [n, 'x'.repeat(100)]);
        committedAt[n] = epoch0 + (performance.now() - t0);
      }
    }));
    const burstMs = performance.now() - t0;
    rx.child.send({ want: EVENTS });
    const report = await new Promise<{ receipts: Receipts; requests: number }>((resolve) => rx.child.once('message', resolve));
    const lastAt = Math.max(...report.receipts.map(([, at]) => at));
    const totalMs = lastAt - epoch0;

    const firstReceipt = new Map<number, number>();
    for (const [n, at] of report.receipts) if (!firstReceipt.has(n)) firstReceipt.set(n, at);
    const latencies = [...firstReceipt].map(([n, at]) => at - committedAt[n]).sort((a, b) => a - b);
    console.log(`inserts: ${EVENTS} single-row transactions from ${WRITERS} connections in ${(burstMs / 1000).toFixed(2)} s (${Math.round(EVENTS / (burstMs / 1000))}/s)`);
    console.log(`delivered: ${firstReceipt.size} events (${report.requests} requests) in ${(totalMs / 1000).toFixed(2)} s from the first insert → ${Math.round(firstReceipt.size / (totalMs / 1000))} events/s`);
    console.log(`commit → receipt: p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`);
  } finally {
    await pool.end();
    rx.child.kill();
    await running.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--receiver')) await receiver();
else await main();
