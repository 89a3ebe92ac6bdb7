// bench/startup: cold start (empty data dir) and warm start of the built headless stack to "API ready",
// 5 runs each (median), plus the idle memory of the server and Postgres processes: right after start, and again
// once the five-minute tour (examples/tour) has used auth, REST, storage and realtime through supabase-js.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { freePort } from '../src-server/postgres/ports.js';
import { generateSecret } from '../src-server/services/keys.js';

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

const keys = { anon: generateSecret('anon'), service: generateSecret('service_role') };

async function startOnce(dataDir: string): Promise<{ ms: number; child: ChildProcess; url: string }> {
  const port = await freePort();
  const pgPort = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli], {
    env: {
      ...process.env, TRESTLE_DATA_DIR: dataDir, TRESTLE_PORT: String(port), TRESTLE_PG_PORT: String(pgPort), TRESTLE_LOG: 'silent',
      TRESTLE_ANON_KEY: keys.anon, TRESTLE_SERVICE_KEY: keys.service,
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const ms = await waitReady(`${url}/healthz`, child, t0);
  return { ms, child, url };
}

/**
 * The floor on this machine right now: a bare node:http server's spawn to its first 200 (how long Node itself takes
 * to start here, under whatever else the machine is doing), measured beside each warm start.
 */
async function bareNodeOnce(): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`], { stdio: 'ignore' });
  const ms = await waitReady(`http://127.0.0.1:${port}/`, child, t0);
  await stop(child);
  return ms;
}

/**
 * The tour's steps through supabase-js: its schema applied, a sign-up, an insert received live, an upload. Returns
 * a function that disconnects the client (kept subscribed while memory is measured).
 */
async function runTour(url: string): Promise<() => void> {
  const query = fs.readFileSync('examples/tour/schema.sql', 'utf8');
  const applied = await fetch(`${url}/v1/database/migrations`, {
    method: 'POST', headers: { apikey: keys.service, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'tour_schema', query }),
  });
  if (!applied.ok) throw new Error(`tour schema: ${applied.status} ${await applied.text()}`);
  const supabase = createClient(url, keys.anon, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
  const { data, error } = await supabase.auth.signUp({ email: `bench-${Date.now()}@example.com`, password: 'bench-password' });
  if (error || !data.user) throw new Error(`sign-up: ${error?.message}`);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the insert did not arrive over realtime within 10 s')), 10_000);
    supabase.channel('bench')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'messages' }, () => {
        clearTimeout(timer);
        resolve();
      })
      .subscribe((status, err) => {
        if (status === 'SUBSCRIBED') {
          void supabase.from('messages').insert({ body: 'hello' }).then(({ error: e }) => e && reject(new Error(`insert: ${e.message}`)));
        } else if (status !== 'CLOSED') {
          reject(new Error(`realtime: ${status} ${err?.message ?? ''}`));
        }
      });
  });
  const uploaded = await supabase.storage.from('uploads').upload(`${data.user.id}/hello.txt`, new Blob(['hello']));
  if (uploaded.error) throw new Error(`upload: ${uploaded.error.message}`);
  return () => {
    void supabase.removeAllChannels();
    supabase.realtime.disconnect();
  };
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
const settle = () => new Promise((r) => setTimeout(r, 2000)); // let the work just done finish before measuring

function idleMemory(child: ChildProcess, dataDir: string): string {
  const server = rssKb(child.pid!);
  const pgMem = postgresRssKb(dataDir);
  return `server RSS ${(server / 1024).toFixed(1)} MB, Postgres PSS ${(pgMem.rss / 1024).toFixed(1)} MB over ${pgMem.processes} processes, total ${((server + pgMem.rss) / 1024).toFixed(1)} MB`;
}

export async function benchStartup(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error('Build first: npm run build');
  const cold: number[] = [];
  const bare: number[] = [];
  const warm: number[] = [];
  const memory: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trestle-bench-start-'));
    const first = await startOnce(dir);
    cold.push(first.ms);
    await stop(first.child);
    bare.push(await bareNodeOnce());
    const second = await startOnce(dir);
    warm.push(second.ms);
    if (i === RUNS - 1) {
      await settle();
      memory.push(`idle memory after start: ${idleMemory(second.child, dir)} (goal < 250 MB)`);
      const disconnect = await runTour(second.url);
      await settle();
      memory.push(`idle memory after the tour (auth, REST, storage used; a realtime client subscribed): ${idleMemory(second.child, dir)}`);
      disconnect();
    }
    await stop(second.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`startup (${RUNS} runs, node ${process.version}, ${os.cpus().length} cores)`);
  console.log(`  cold start to API ready: median ${median(cold).toFixed(0)} ms  [${cold.map((x) => x.toFixed(0)).join(', ')}]  (goal ≤ 1500 ms)`);
  console.log(`  warm start to API ready: median ${median(warm).toFixed(0)} ms  [${warm.map((x) => x.toFixed(0)).join(', ')}]  (goal ≤ 500 ms)`);
  console.log(`  floor, a bare node:http server's spawn to first 200: median ${median(bare).toFixed(0)} ms  [${bare.map((x) => x.toFixed(0)).join(', ')}]`
    + `  (warm start = ${(median(warm) / median(bare)).toFixed(1)}× the floor; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  for (const line of memory) console.log(`  ${line}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStartup();
