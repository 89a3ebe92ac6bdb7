// bench/gateway: what 100 gateway rules cost on the /v1/db GET path. The same request (one row by id) is measured
// with every rule disabled and with 100 enabled rules (99 that do not match — a quarter of them on the same table
// prefix, so the request still runs their globs — and a last one that allows it), in ABBA-ordered rounds.
// Goal: < 5 % fewer req/s. On a machine other work competes for, req/s swings more than that between identical
// rounds, so the server's CPU time per request is printed too, and the evaluator's own time per request.
// Run: npm run bench -- gateway (BENCH_SECONDS per side, default 15).
import os from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { compileRules } from '../src-server/gateway/compile.js';
import { evaluate } from '../src-server/gateway/evaluate.js';
import { routePath } from '../src-server/gateway/route-path.js';
import type { GatewayRule } from '../src-server/gateway/types.js';
import { runBench, withTrestle } from './harness.js';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = 3;
const CONNECTIONS = 32;
const ROWS = 10_000;
const RULES = 100;

/** autocannon in its own process, so the load does not share the server's event loop; prints one JSON line. */
const LOAD = `
const autocannon = require('autocannon');
const o = JSON.parse(process.argv[1]);
autocannon({ url: o.url, connections: o.connections, duration: o.seconds, headers: { apikey: o.key },
  requests: [{ setupRequest: (req) => ({ ...req, path: '/v1/db/items?id=eq.' + (1 + Math.floor(Math.random() * o.rows)) }) }] },
  (err, r) => console.log(JSON.stringify(err ? { error: String(err) } : { requests: r.requests.total, non2xx: r.non2xx, errors: r.errors, p50: r.latency.p50, p99: r.latency.p99 })));
`;

interface Load { requests: number; non2xx: number; errors: number; p50: number; p99: number; error?: string; cpuUs?: number }

async function load(url: string, key: string, seconds: number): Promise<Load> {
  const options = JSON.stringify({ url, key, seconds, connections: CONNECTIONS, rows: ROWS });
  const { stdout } = await run(process.execPath, ['-e', LOAD, options], { maxBuffer: 1024 * 1024 });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Load;
  if (result.error) throw new Error(result.error);
  return result;
}

function rule(i: number, path: string): GatewayRule {
  return {
    id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, description: '', match: { methods: ['GET'], path },
    authenticate: ['api_key'], authorize: { roles: ['service_role'] }, rate_limit: null, upstream: null, enabled: true, system: false,
    position: i, route: null, created_at: null, updated_at: null,
  };
}

/** 99 rules that do not match /v1/db/items in varied shapes (the braces ones share its prefix), then one that does. */
function benchRules(): Array<{ path: string }> {
  const shapes = [(i: number) => `/v1/db/other_${i}`, (i: number) => `/v1/db/{t${i},u${i}}`, (i: number) => `/v1/db/rpc/fn_${i}`, (i: number) => `/storage/v1/object/b${i}/**`];
  return [...Array.from({ length: RULES - 1 }, (_, i) => ({ path: shapes[i % shapes.length](i) })), { path: '/v1/db/items' }];
}

/** The evaluator alone, in this thread: ns per request for RULES rules. */
function evaluatorCost(): number {
  const compiled = compileRules(benchRules().map((r, i) => rule(i, r.path)));
  const paths = routePath('/v1/db/:table');
  const caller = { kind: 'api_key' as const, role: 'service_role' as const };
  const n = 200_000;
  let allowed = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    if (evaluate(compiled, { method: 'GET', paths: paths.paths({ table: 'items' }), caller, upstreamMount: false }).allowed) allowed++;
  }
  if (allowed !== n) throw new Error('the last rule should allow every request');
  return Number(process.hrtime.bigint() - t0) / n;
}

async function main(): Promise<void> {
  await withTrestle('gateway', async ({ trestle, admin, serviceKey }) => {
    const key = (await trestle.ctx.keys.create({ keyType: 'service_role', label: 'bench', rateLimit: null })).secret;
    await admin.query(`CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
      INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, ${ROWS}) g; ANALYZE items;`);
    for (const r of benchRules()) {
      const res = await fetch(`${trestle.url}/v1/gateway/rules`, {
        method: 'POST', headers: { apikey: serviceKey, 'content-type': 'application/json' },
        body: JSON.stringify({ match: { methods: ['GET'], path: r.path }, authorize: { roles: ['service_role'] }, enabled: false }),
      });
      if (res.status !== 201) throw new Error(`rule ${r.path}: ${res.status} ${await res.text()}`);
    }
    const setRules = async (enabled: boolean) => {
      await admin.query('UPDATE trestle.gateway_rules SET enabled = $1', [enabled]);
      for (let i = 0; i < 200 && (await rulesInForce()) !== (enabled ? RULES : 0); i++) await new Promise((r) => setTimeout(r, 10));
    };
    const rulesInForce = async () => {
      const res = await fetch(`${trestle.url}/v1/gateway/test`, {
        method: 'POST', headers: { apikey: serviceKey, 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'GET', path: '/v1/db/items', caller: 'service_key' }),
      });
      const body = (await res.json()) as { steps: Array<{ result: string }> };
      return body.steps.filter((s) => s.result !== 'disabled').length;
    };
    await new Promise((r) => setTimeout(r, 300));
    console.log(`bench/gateway: GET /v1/db/items?id=eq.N, ${CONNECTIONS} connections, ${SECONDS} s per side in ${ROUNDS} alternating rounds, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
    await setRules(false);
    await load(trestle.url, key, 3);
    const totals = { without: [] as Load[], with: [] as Load[] };
    // ABBA order: a drift in the machine's load during the run weighs on both sides alike.
    for (let i = 0; i < ROUNDS * 2; i++) {
      const enabled = i % 4 === 1 || i % 4 === 2;
      await setRules(enabled && !process.env.BENCH_AA);
      // The server's own CPU time per request: steadier than req/s on a machine other work competes for.
      const cpu0 = process.cpuUsage();
      const slice = await load(trestle.url, key, SECONDS / ROUNDS);
      const cpu = process.cpuUsage(cpu0);
      (enabled ? totals.with : totals.without).push({ ...slice, cpuUs: cpu.user + cpu.system });
    }
    const rps = (loads: Load[]) => loads.reduce((n, l) => n + l.requests, 0) / SECONDS;
    const bad = (loads: Load[]) => loads.reduce((n, l) => n + l.non2xx + l.errors, 0);
    const p99 = (loads: Load[]) => Math.max(...loads.map((l) => l.p99));
    const cpuPerRequest = (loads: Load[]) => loads.reduce((n, l) => n + l.cpuUs!, 0) / loads.reduce((n, l) => n + l.requests, 0);
    const without = rps(totals.without);
    const withRules = rps(totals.with);
    const slower = (100 * (without - withRules)) / without;
    const line = (label: string, loads: Load[], r: number) => console.log(`${label.padEnd(16)}${r.toFixed(0).padStart(6)} req/s  p99 ${p99(loads)} ms`
      + `  server CPU ${cpuPerRequest(loads).toFixed(0)} µs/request  (${bad(loads)} non-2xx or errors)`);
    line('without rules', totals.without, without);
    line(`with ${RULES} rules`, totals.with, withRules);
    const cpuMore = (100 * (cpuPerRequest(totals.with) - cpuPerRequest(totals.without))) / cpuPerRequest(totals.without);
    console.log(`difference      ${slower.toFixed(1)} % fewer req/s, ${cpuMore.toFixed(1)} % more server CPU per request (goal: < 5 %)`);
    console.log(`evaluator alone ${(evaluatorCost() / 1000).toFixed(2)} µs per request with ${RULES} rules`);
  });
}

runBench(main);
