// bench/startup: cold start (empty data dir) and warm start of the built headless stack to "API ready",
// 5 runs each (median), plus the idle RSS of the server and Postgres processes.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src-server/postgres/ports.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const cli = path.resolve('out/main/cli.js');

async function waitReady(url: string, child: ChildProcess, t0: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function startOnce(dataDir: string): Promise<{ ms: number; child: ChildProcess }> {
  const port = await freePort();
  const pgPort = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli], {
    env: { ...process.env, TRESTLE_DATA_DIR: dataDir, TRESTLE_PORT: String(port), TRESTLE_PG_PORT: String(pgPort), TRESTLE_LOG: 'silent' },
    stdio: 'ignore',
  });
  const ms = await waitReady(`http://127.0.0.1:${port}/healthz`, child, t0);
  return { ms, child };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function rssKb(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]);
}

/** Postgres memory: the postmaster and all its backends (PSS would be fairer for shared buffers; RSS overcounts). */
function postgresRssKb(dataDir: string): { rss: number; processes: number } {
  const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)]).toString().trim().split(/\s+/).filter(Boolean).map(Number);
  const pss = (p: number) => {
    try {
      return Number(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8').match(/Pss:\s+(\d+)/)![1]);
    } catch {
      return rssKb(p);
    }
  };
  return { rss: [pid, ...children].reduce((sum, p) => sum + pss(p), 0), processes: 1 + children.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchStartup(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error('Build first: npm run build');
  const cold: number[] = [];
  const warm: number[] = [];
  let memory = '';
  for (let i = 0; i < RUNS; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trestle-bench-start-'));
    const first = await startOnce(dir);
    cold.push(first.ms);
    await stop(first.child);
    const second = await startOnce(dir);
    warm.push(second.ms);
    if (i === RUNS - 1) {
      await new Promise((r) => setTimeout(r, 2000)); // let start-up work settle before measuring idle memory
      const server = rssKb(second.child.pid!);
      const pgMem = postgresRssKb(dir);
      memory = `idle memory: server RSS ${(server / 1024).toFixed(1)} MB, Postgres PSS ${(pgMem.rss / 1024).toFixed(1)} MB over ${pgMem.processes} processes, total ${((server + pgMem.rss) / 1024).toFixed(1)} MB (goal < 250 MB)`;
    }
    await stop(second.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`startup (${RUNS} runs, node ${process.version}, ${os.cpus().length} cores)`);
  console.log(`  cold start to API ready: median ${median(cold).toFixed(0)} ms  [${cold.map((x) => x.toFixed(0)).join(', ')}]  (goal ≤ 1500 ms)`);
  console.log(`  warm start to API ready: median ${median(warm).toFixed(0)} ms  [${warm.map((x) => x.toFixed(0)).join(', ')}]  (goal ≤ 500 ms)`);
  console.log(`  ${memory}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStartup();
