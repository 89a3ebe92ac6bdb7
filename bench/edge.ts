// bench/edge: /healthz latency (p50/p99) of the built headless stack while it is idle, while 6 clients send 16 MB
// bodies, and while 20,000 idle half-open connections are held (slowloris). Goal: p99 < 50 ms under both loads.
// The load runs in separate processes (the server has its own core; the prober runs here).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src-server/postgres/ports.js';

const SERVICE_KEY = 'truss_sk_benchEdgeServiceKey0123456789abcdefghijkl';
const PROBE_MS = Number(process.env.BENCH_PROBE_MS ?? 5_000);
const IDLE = Number(process.env.BENCH_IDLE ?? 20_000);

async function startServer(): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trestle-bench-edge-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['out/main/cli.js'], {
    env: { ...process.env, TRESTLE_DATA_DIR: dataDir, TRESTLE_PORT: String(port), TRESTLE_PG_PORT: String(await freePort()), TRESTLE_LOG: 'silent', TRESTLE_SERVICE_KEY: SERVICE_KEY },
    stdio: process.env.BENCH_DEBUG ? 'inherit' : 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited');
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await fetch(`${url}/v1/sql`, { method: 'POST', headers: { apikey: SERVICE_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'CREATE TABLE items (id serial PRIMARY KEY, body text)' }) });
  return { url, child, dataDir };
}

/** Sequential /healthz requests on one keep-alive connection for PROBE_MS; latency percentiles in ms. */
async function probe(url: string): Promise<{ p50: number; p99: number; max: number; n: number; failed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(url);
  const times: number[] = [];
  let failed = 0;
  const end = performance.now() + PROBE_MS;
  while (performance.now() < end) {
    const t0 = performance.now();
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: u.hostname, port: u.port, path: '/healthz', agent, timeout: 5_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
    if (ok) times.push(performance.now() - t0);
    else failed++;
    await new Promise((r) => setTimeout(r, 5));
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN) * 10) / 10;
  return { p50: at(0.5), p99: at(0.99), max: at(1), n: times.length, failed };
}

function load(args: string[]): { child: ChildProcess; lines: string[]; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/edge-load.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  child.stdout!.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      if (line.includes('"ready"')) readyResolve();
    }
  });
  return { child, lines, ready };
}

async function stopLoad(l: { child: ChildProcess; lines: string[] }): Promise<Record<string, unknown>> {
  const exited = l.child.exitCode !== null ? Promise.resolve() : new Promise((r) => l.child.once('exit', r));
  l.child.kill('SIGTERM');
  await exited;
  return JSON.parse(l.lines.at(-1) ?? '{}') as Record<string, unknown>;
}

const { url, child, dataDir } = await startServer();
try {
  const idleProbe = await probe(url);
  console.error('… idle server measured; now 6 clients send 16 MB bodies');

  const bodies = load(['bodies', url, SERVICE_KEY, '6']);
  await new Promise((r) => setTimeout(r, 1_000));
  const bodiesProbe = await probe(url);
  const bodiesStats = await stopLoad(bodies);

  console.error(`… now opening ${IDLE} idle connections`);
  const idlers = [load(['idle', url, String(IDLE / 2)]), load(['idle', url, String(IDLE / 2)])];
  await Promise.all(idlers.map((l) => l.ready));
  const slowProbe = await probe(url);
  const idleStats = await Promise.all(idlers.map(stopLoad));
  const open = idleStats.reduce((s, x) => s + Number(x.open ?? 0), 0);
  const closed = idleStats.reduce((s, x) => s + Number(x.closedByServer ?? 0), 0);

  const row = (name: string, p: Awaited<ReturnType<typeof probe>>, note: string) =>
    console.log(`${name.padEnd(34)} p50 ${String(p.p50).padStart(6)} ms   p99 ${String(p.p99).padStart(6)} ms   max ${String(p.max).padStart(7)} ms   (${p.n} probes, ${p.failed} failed)  ${note}`);
  console.log('/healthz latency, sequential probes for', PROBE_MS / 1000, 's each (goal: p99 < 50 ms under load)');
  row('idle server', idleProbe, '');
  row('6 clients sending 16 MB bodies', bodiesProbe, `bodies answered: ${JSON.stringify(bodiesStats.statuses)}`);
  row(`${IDLE.toLocaleString('en')} idle half-open connections`, slowProbe, `${open} open at the end; ${closed} closed by the server (header timeout or room for new ones) and reopened`);
} finally {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
