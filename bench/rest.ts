// bench/rest: /v1/db throughput and latency against node-postgres straight to the same Postgres, 100,000 rows,
// 32 concurrent connections, 15 s per side per scenario (BENCH_SECONDS to change). Run: npx tsx bench/rest.ts
// BENCH_ONLY=a,c runs some scenarios, BENCH_SKIP_RAW=1 skips the baseline, BENCH_PROFILE=<dir> writes CPU profiles.
// The load generator runs in a worker thread so it does not share the server's event loop.
import fs from 'node:fs/promises';
import inspector from 'node:inspector';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runBench, withTrestle } from './harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = 32;
const ROWS = 100_000;
const CATEGORIES = 100;

interface Scenario {
  name: string;
  http: { method: 'GET' | 'POST'; path: string; body?: string };
  raw: { sql: string; params: Array<string | number> };
}

/** Placeholders: {N} a random item id, {C} a random category id, {S} a unique suffix. */
const SCENARIOS: Scenario[] = [
  { name: '(a) GET one row by id', http: { method: 'GET', path: '/v1/db/items?id=eq.{N}' }, raw: { sql: 'SELECT * FROM items WHERE id = $1', params: ['{N}'] } },
  {
    name: '(b) filtered, ordered 50-row page',
    http: { method: 'GET', path: '/v1/db/items?select=id,name,price&category_id=eq.{C}&price=gt.10&order=price.desc&limit=50' },
    raw: { sql: 'SELECT id, name, price FROM items WHERE category_id = $1 AND price > $2 ORDER BY price DESC LIMIT 50', params: ['{C}', 10] },
  },
  {
    name: '(c) read with one embedded resource',
    http: { method: 'GET', path: '/v1/db/items?select=id,name,category:categories(name)&id=eq.{N}' },
    raw: { sql: 'SELECT i.id, i.name, json_build_object(\'name\', c.name) AS category FROM items i LEFT JOIN categories c ON c.id = i.category_id WHERE i.id = $1', params: ['{N}'] },
  },
  {
    name: '(d) single-row insert',
    http: { method: 'POST', path: '/v1/db/items', body: '{"name":"new {S}","category_id":{C},"price":12.5}' },
    raw: { sql: 'INSERT INTO items (name, category_id, price) VALUES ($1, $2, $3) RETURNING *', params: ['new {S}', '{C}', 12.5] },
  },
];

/** The load loop, run in a worker: `mode` http (keep-alive agent) or raw (pg pool of CONCURRENCY). */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const pg = require(workerData.pgPath);
const { mode, url, apikeys, scenario, seconds, concurrency, rows, categories } = workerData;
let seq = 0;
const fill = (s) => s.replace(/\\{N\\}/g, () => String(1 + Math.floor(Math.random() * rows)))
  .replace(/\\{C\\}/g, () => String(1 + Math.floor(Math.random() * categories))).replace(/\\{S\\}/g, () => String(seq++));
async function main() {
  const latencies = [];
  let errors = 0;
  const statuses = {};
  let run;
  let close = async () => {};
  if (mode === 'http') {
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const u = new URL(url);
    run = (lane) => new Promise((resolve) => {
      const body = scenario.http.body ? fill(scenario.http.body) : undefined;
      const req = http.request({ agent, host: u.hostname, port: u.port, method: scenario.http.method, path: fill(scenario.http.path),
        headers: { apikey: apikeys[lane % apikeys.length], ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
        res.resume();
        res.on('end', () => {
          const ok = res.statusCode < 300;
          if (!ok) { errors++; statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1; }
          resolve(ok);
        });
      });
      req.on('error', () => { errors++; resolve(false); });
      req.end(body);
    });
    close = async () => agent.destroy();
  } else {
    const pool = new pg.Pool({ connectionString: url, max: concurrency });
    run = () => pool.query(scenario.raw.sql, scenario.raw.params.map((p) => typeof p === 'string' ? fill(p) : p)).then(() => true, () => { errors++; return false; });
    close = () => pool.end();
  }
  const end = Date.now() + seconds * 1000;
  // Only successful requests count towards throughput and latency; failures are reported separately.
  await Promise.all(Array.from({ length: concurrency }, async (_, lane) => {
    while (Date.now() < end) {
      const t0 = performance.now();
      if (await run(lane)) latencies.push(performance.now() - t0);
    }
  }));
  if (errors) console.error(mode + ': ' + errors + ' failed requests ' + JSON.stringify(statuses));
  await close();
  parentPort.postMessage({ count: latencies.length, errors, latencies: Float64Array.from(latencies) });
}
main();
`;

interface Measured { rps: number; p50: number; p99: number; errors: number }
interface Round { count: number; errors: number; latencies: Float64Array }

function round(workerData: Record<string, unknown>): Promise<Round> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

function summarise(rounds: Round[], seconds: number): Measured {
  const sorted = rounds.flatMap((r) => [...r.latencies]).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { rps: sorted.length / seconds, p50: at(0.5), p99: at(0.99), errors: rounds.reduce((n, r) => n + r.errors, 0) };
}

/**
 * Trestle and raw Postgres alternate in ROUNDS slices (SECONDS in total each), so a machine whose load drifts
 * during the run affects both sides alike.
 */
const ROUNDS = 3;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3);
async function measurePair(api: Record<string, unknown>, raw: Record<string, unknown> | undefined): Promise<{ api: Measured; raw: Measured; serverMsPerReq: number }> {
  const apiRounds: Round[] = [];
  const rawRounds: Round[] = [];
  // Unmeasured warm-up: JIT, pool connections, per-connection prepared statements and catalog caches.
  await round({ ...api, seconds: WARMUP_SECONDS });
  if (raw) await round({ ...raw, seconds: WARMUP_SECONDS });
  let active = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const elu0 = performance.eventLoopUtilization();
    apiRounds.push(await round({ ...api, seconds: SECONDS / ROUNDS }));
    active += performance.eventLoopUtilization(elu0).active;
    if (raw) rawRounds.push(await round({ ...raw, seconds: SECONDS / ROUNDS }));
  }
  const apiM = summarise(apiRounds, SECONDS);
  return {
    api: apiM, raw: raw ? summarise(rawRounds, SECONDS) : { rps: NaN, p50: NaN, p99: NaN, errors: 0 },
    serverMsPerReq: active / (apiM.rps * SECONDS),
  };
}

/** BENCH_PROFILE=<dir>: a CPU profile of the server thread during each HTTP run (for finding hot spots). */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async (file) => {
    const { profile } = await post('Profiler.stop') as { profile: unknown };
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}

async function main(): Promise<void> {
  await withTrestle('rest', async ({ trestle, admin, dbUrl }) => {
    // One key per connection: a key's limit is at most 100,000 requests a minute, which this load exceeds.
    const apikeys: string[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      apikeys.push((await trestle.ctx.keys.create({ keyType: 'service_role', label: `bench ${i}`, rateLimit: 100000 })).secret);
    }
    await admin.query(`
      CREATE TABLE categories (id int PRIMARY KEY, name text NOT NULL);
      INSERT INTO categories SELECT g, 'category ' || g FROM generate_series(1, ${CATEGORIES}) g;
      CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, category_id int REFERENCES categories(id), price numeric(10,2), created_at timestamptz DEFAULT now());
      INSERT INTO items (name, category_id, price) SELECT 'item ' || g, 1 + g % ${CATEGORIES}, (g % 1000) / 10.0 FROM generate_series(1, ${ROWS}) g;
      CREATE INDEX items_category_price ON items (category_id, price DESC);
      ANALYZE items; ANALYZE categories;`);
    await new Promise((r) => setTimeout(r, 500)); // key cache and schema cache pick up the changes
    const pgPath = createRequire(import.meta.url).resolve('pg');
    const common = { pgPath, concurrency: CONCURRENCY, rows: ROWS, categories: CATEGORIES };
    console.log(`bench/rest: ${ROWS} rows, ${CONCURRENCY} connections, ${SECONDS} s per side per scenario (${ROUNDS} alternating rounds), ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}\n`);
    const only = process.env.BENCH_ONLY; // e.g. "a" or "a,c": run only those scenarios
    for (const scenario of SCENARIOS.filter((s) => !only || only.split(',').some((o) => s.name.startsWith(`(${o})`)))) {
      const stopProfile = process.env.BENCH_PROFILE ? await startProfile() : undefined;
      const { api, raw, serverMsPerReq } = await measurePair({ ...common, mode: 'http', url: trestle.url, apikeys, scenario },
        process.env.BENCH_SKIP_RAW ? undefined : { ...common, mode: 'raw', url: dbUrl, scenario });
      await stopProfile?.(`${process.env.BENCH_PROFILE}/${scenario.name.slice(1, 2)}.cpuprofile`);
      const line = `${scenario.name.padEnd(38)} Trestle ${api.rps.toFixed(0).padStart(6)} req/s p50 ${api.p50.toFixed(2)} ms p99 ${api.p99.toFixed(2)} ms`
        + `${api.errors ? ` (${api.errors} errors)` : ''} | raw pg ${raw.rps.toFixed(0).padStart(6)} q/s p50 ${raw.p50.toFixed(2)} ms p99 ${raw.p99.toFixed(2)} ms`
        + ` | ratio ${(100 * api.rps / raw.rps).toFixed(0)}% | server event loop ${serverMsPerReq.toFixed(3)} ms/req`;
      console.log(line);
    }
  });
}

runBench(main);
