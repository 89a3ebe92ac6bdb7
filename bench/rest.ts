// bench/rest: /v1/db throughput and latency side by side with two floors on the same Postgres, 100,000 rows,
// 32 concurrent keep-alive connections, 15 s per contender per scenario (BENCH_SECONDS to change), in alternating
// slices: Trestle as users run it (default configuration, its own process), a bare hand-written Fastify +
// node-postgres route doing the same query (bench/bare-route.ts, its own process), and node-postgres straight to
// Postgres. The load generator runs here, in a worker thread. Run: npm run bench -- rest
// BENCH_ONLY=a,c runs some scenarios, BENCH_SKIP_RAW=1 / BENCH_SKIP_BARE=1 skip a floor, BENCH_FLOORS_SOCKET=1 (below), BENCH_PROFILE=<dir> writes
// the Trestle process's CPU profile (run one scenario at a time for a profile per scenario).
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { freePort } from '../src-server/postgres/ports.js';
import { generateSecret } from '../src-server/services/keys.js';
import { runBench } from './harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = 32;
const ROWS = 100_000;
const CATEGORIES = 100;

interface HttpRequest { method: 'GET' | 'POST'; path: string; body?: string }
interface Scenario {
  name: string;
  http: HttpRequest;
  /** The same query through bench/bare-route.ts. */
  bare: HttpRequest;
  /** The query straight to Postgres (none for a scenario without one). */
  raw?: { sql: string; params: Array<string | number> };
}

/** Placeholders: {N} a random item id, {C} a random category id, {S} a unique suffix. */
const SCENARIOS: Scenario[] = [
  // The per-request hook chain (host check, CORS, auth, metrics, logs) and Fastify, without a database.
  { name: '(h) GET /healthz (no database)', http: { method: 'GET', path: '/healthz' }, bare: { method: 'GET', path: '/healthz' } },
  {
    name: '(a) GET one row by id', http: { method: 'GET', path: '/v1/db/items?id=eq.{N}' }, bare: { method: 'GET', path: '/items/{N}' },
    raw: { sql: 'SELECT * FROM items WHERE id = $1', params: ['{N}'] },
  },
  {
    name: '(b) filtered, ordered 50-row page',
    http: { method: 'GET', path: '/v1/db/items?select=id,name,price&category_id=eq.{C}&price=gt.10&order=price.desc&limit=50' },
    bare: { method: 'GET', path: '/items?category={C}' },
    raw: { sql: 'SELECT id, name, price FROM items WHERE category_id = $1 AND price > $2 ORDER BY price DESC LIMIT 50', params: ['{C}', 10] },
  },
  {
    name: '(c) read with one embedded resource',
    http: { method: 'GET', path: '/v1/db/items?select=id,name,category:categories(name)&id=eq.{N}' },
    bare: { method: 'GET', path: '/items/{N}/with-category' },
    raw: { sql: 'SELECT i.id, i.name, json_build_object(\'name\', c.name) AS category FROM items i LEFT JOIN categories c ON c.id = i.category_id WHERE i.id = $1', params: ['{N}'] },
  },
  {
    name: '(d) single-row insert',
    http: { method: 'POST', path: '/v1/db/items', body: '{"name":"new {S}","category_id":{C},"price":12.5}' },
    bare: { method: 'POST', path: '/items', body: '{"name":"new {S}","category_id":{C},"price":12.5}' },
    raw: { sql: 'INSERT INTO items (name, category_id, price) VALUES ($1, $2, $3) RETURNING *', params: ['new {S}', '{C}', 12.5] },
  },
];

/** The load loop, run in a worker: `mode` http (keep-alive agent, `request`) or raw (pg pool of CONCURRENCY). */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const pg = require(workerData.pgPath);
const { mode, url, apikeys, request, scenario, seconds, concurrency, rows, categories } = workerData;
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
      const body = request.body ? fill(request.body) : undefined;
      const req = http.request({ agent, host: u.hostname, port: u.port, method: request.method, path: fill(request.path),
        headers: { ...(apikeys.length ? { apikey: apikeys[lane % apikeys.length] } : {}), ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
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
 * The contenders alternate in ROUNDS slices (SECONDS in total each), so a machine whose load drifts during the run
 * affects them alike. The load average is sampled before every slice.
 */
const ROUNDS = 3;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3);
interface Contender {
  name: string;
  data: Record<string, unknown>;
  /** The serving process: its main thread's CPU time is counted per request. */
  pid?: number;
}
interface Result { measured: Map<string, Measured>; cpuMsPerReq: Map<string, number>; load: number }

/** CPU time (user + system; BENCH_CPU=user|system for one) of a process's main thread so far, in ms (Linux; NaN elsewhere). */
function mainThreadCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const [user, system] = [Number(fields[11]), Number(fields[12])];
    return (process.env.BENCH_CPU === 'user' ? user : process.env.BENCH_CPU === 'system' ? system : user + system) * 10; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

async function measureSideBySide(contenders: Contender[]): Promise<Result> {
  const rounds = new Map<string, Round[]>(contenders.map((c) => [c.name, []]));
  const cpu = new Map<string, number>(contenders.map((c) => [c.name, 0]));
  // Unmeasured warm-up: JIT, pool connections, per-connection prepared statements and catalog caches.
  for (const c of contenders) await round({ ...c.data, seconds: WARMUP_SECONDS });
  const loads: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const c of contenders) {
      loads.push(os.loadavg()[0]);
      const cpu0 = c.pid ? mainThreadCpuMs(c.pid) : NaN;
      rounds.get(c.name)!.push(await round({ ...c.data, seconds: SECONDS / ROUNDS }));
      cpu.set(c.name, cpu.get(c.name)! + (c.pid ? mainThreadCpuMs(c.pid) : NaN) - cpu0);
    }
  }
  const measured = new Map([...rounds].map(([name, r]) => [name, summarise(r, SECONDS)]));
  const cpuMsPerReq = new Map([...cpu].map(([name, ms]) => [name, ms / (measured.get(name)!.rps * SECONDS)]));
  return { measured, cpuMsPerReq, load: loads.reduce((a, b) => a + b, 0) / loads.length };
}

/** BENCH_NODE_ARGS: extra node options for both servers (e.g. --perf-basic-prof, for `perf record -p <pid>`). */
const nodeArgs = () => (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** The bare route in its own process; resolves with its URL. */
async function startBareRoute(dbUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...nodeArgs(), '--import', 'tsx', 'bench/bare-route.ts', dbUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await Promise.race([once(child.stdout!, 'data'), once(child, 'exit').then(() => { throw new Error('bench/bare-route.ts exited'); })]) as [Buffer];
  return { url: chunk.toString().trim(), child };
}

/**
 * Trestle as users run it (`node bin/trestle.mjs`: builds first when the sources are newer, then the built stack),
 * in its own process with the default configuration (info level, per-request logs off), logging to a file so the
 * figures stay readable. BENCH_PROFILE=<dir>: its CPU profile (node --cpu-prof), written when it stops.
 */
async function startTrestleProcess(dataDir: string, serviceKey: string): Promise<{ url: string; pgPort: number; child: ChildProcess }> {
  const port = await freePort();
  const pgPort = await freePort();
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  const child = spawn(process.execPath, [...nodeArgs(), ...profile, 'bin/trestle.mjs'], {
    env: {
      ...process.env, TRESTLE_DATA_DIR: dataDir, TRESTLE_PORT: String(port), TRESTLE_PG_PORT: String(pgPort), TRESTLE_LOG: 'file',
      TRESTLE_SERVICE_KEY: serviceKey, TRESTLE_ANON_KEY: generateSecret('anon'), DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Trestle exited with ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url, pgPort, child };
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-bench-rest-'));
  const serviceKey = generateSecret('service_role');
  const trestle = await startTrestleProcess(dataDir, serviceKey);
  // The floors connect as an app would (TCP, the URL Trestle prints); BENCH_FLOORS_SOCKET=1 gives them Trestle's own
  // Unix-domain socket instead.
  const { user, password } = JSON.parse(await fs.readFile(path.join(dataDir, 'cluster.json'), 'utf8')) as { user: string; password: string };
  const host = process.env.BENCH_FLOORS_SOCKET ? encodeURIComponent(path.join(dataDir, 'run')) : '127.0.0.1';
  const dbUrl = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${trestle.pgPort}/trestle`;
  const admin = new pg.Client({ connectionString: dbUrl });
  await admin.connect();
  let bare: { url: string; child: ChildProcess } | undefined;
  try {
    // One key per connection: a key's limit is at most 100,000 requests a minute, which this load exceeds.
    const apikeys: string[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
      const res = await fetch(`${trestle.url}/v1/keys`, {
        method: 'POST', headers: { apikey: serviceKey, 'content-type': 'application/json' },
        body: JSON.stringify({ key_type: 'service_role', label: `bench ${i}`, rate_limit: 100000 }),
      });
      apikeys.push(((await res.json()) as { secret: string }).secret);
    }
    await admin.query(`
      CREATE TABLE categories (id int PRIMARY KEY, name text NOT NULL);
      INSERT INTO categories SELECT g, 'category ' || g FROM generate_series(1, ${CATEGORIES}) g;
      CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, category_id int REFERENCES categories(id), price numeric(10,2), created_at timestamptz DEFAULT now());
      INSERT INTO items (name, category_id, price) SELECT 'item ' || g, 1 + g % ${CATEGORIES}, (g % 1000) / 10.0 FROM generate_series(1, ${ROWS}) g;
      CREATE INDEX items_category_price ON items (category_id, price DESC);
      ANALYZE items; ANALYZE categories;`);
    await new Promise((r) => setTimeout(r, 500)); // the schema cache picks up the new tables
    if (!process.env.BENCH_SKIP_BARE) bare = await startBareRoute(dbUrl);
    const pgPath = createRequire(import.meta.url).resolve('pg');
    const common = { pgPath, concurrency: CONCURRENCY, rows: ROWS, categories: CATEGORIES };
    console.log(`bench/rest: ${ROWS} rows, ${CONCURRENCY} connections, ${SECONDS} s per contender per scenario (${ROUNDS} alternating slices), `
      + `${os.cpus().length} CPUs, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    const only = process.env.BENCH_ONLY; // e.g. "a" or "a,c": run only those scenarios
    for (const scenario of SCENARIOS.filter((s) => !only || only.split(',').some((o) => s.name.startsWith(`(${o})`)))) {
      const contenders: Contender[] = [{ name: 'trestle', pid: trestle.child.pid, data: { ...common, mode: 'http', url: trestle.url, apikeys, request: scenario.http, scenario } }];
      if (bare) contenders.push({ name: 'bare', pid: bare.child.pid, data: { ...common, mode: 'http', url: bare.url, apikeys: [], request: scenario.bare, scenario } });
      if (!process.env.BENCH_SKIP_RAW && scenario.raw) contenders.push({ name: 'raw', data: { ...common, mode: 'raw', url: dbUrl, scenario } });
      const { measured, cpuMsPerReq, load } = await measureSideBySide(contenders);
      const api = measured.get('trestle')!;
      const figure = (label: string, m: Measured | undefined, unit: string) => (m
        ? ` | ${label} ${m.rps.toFixed(0).padStart(6)} ${unit} p50 ${m.p50.toFixed(2)} p99 ${m.p99.toFixed(2)}${m.errors ? ` (${m.errors} errors)` : ''}` : '');
      const ratio = (label: string, m: Measured | undefined) => (m ? ` | Trestle/${label} ${(100 * api.rps / m.rps).toFixed(0).padStart(3)}%` : '');
      if (process.env.BENCH_NODE_ARGS) console.log(`pids: Trestle ${trestle.child.pid}, bare route ${bare?.child.pid}`);
      console.log(`${scenario.name.padEnd(38)}${figure('Trestle', api, 'req/s').slice(3)}${figure('bare route', measured.get('bare'), 'req/s')}`
        + `${figure('raw pg', measured.get('raw'), 'q/s')}${ratio('bare', measured.get('bare'))}${ratio('raw', measured.get('raw'))}`
        + ` | CPU/req Trestle ${cpuMsPerReq.get('trestle')!.toFixed(3)}${bare ? ` bare ${cpuMsPerReq.get('bare')!.toFixed(3)}` : ''} ms | load ${load.toFixed(1)}`);
    }
    console.log('(latencies in ms; CPU/req: the serving process\'s main thread, user + system; load: mean 1-minute load average over the slices)');
  } finally {
    if (bare) await stopProcess(bare.child);
    await admin.end();
    await stopProcess(trestle.child);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
