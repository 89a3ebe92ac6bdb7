// bench/shutdown: how long after a stop signal every process of the app (npm and its shell, node, the postmaster,
// its backends, the guard) is gone, for each way of launching and signalling; and how long after kill -9 of the
// whole app (the server left a zombie) a restart is ready. BENCH_RUNS runs each (default 3): median and max.
import fs from 'node:fs/promises';
import { launchApp, msUntilGone, processTree, runStackChild, type Launch } from '../test/helpers/app-process.js';
import { startStack, tempDataDir } from '../test/helpers/stack.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Case {
  name: string;
  launch: Launch;
  send(appPid: number, pgPid: number): void;
}

const CASES: Case[] = [
  { name: 'bin, SIGTERM to its pid', launch: 'bin', send: (pid) => process.kill(pid, 'SIGTERM') },
  { name: 'npm start, SIGTERM to npm', launch: 'npm start', send: (pid) => process.kill(pid, 'SIGTERM') },
  { name: 'npm start, SIGINT to npm', launch: 'npm start', send: (pid) => process.kill(pid, 'SIGINT') },
  { name: 'npx trestle, SIGTERM to npm', launch: 'npx trestle', send: (pid) => process.kill(pid, 'SIGTERM') },
  { name: 'bin, SIGTERM to the process group', launch: 'bin', send: (pid) => process.kill(-pid, 'SIGTERM') },
  { name: 'bin, SIGINT to the process group', launch: 'bin', send: (pid) => process.kill(-pid, 'SIGINT') },
  {
    name: 'bin, SIGTERM to server and postmaster', launch: 'bin',
    send: (pid, pgPid) => {
      process.kill(pid, 'SIGTERM');
      process.kill(pgPid, 'SIGTERM');
    },
  },
];

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted[sorted.length - 1]} ms  (${ms.join(', ')})`;
};

/** Launches, signals, and returns the milliseconds until every process of the app is gone. */
async function stopOnce(c: Case, dataDir: string): Promise<number> {
  const app = await launchApp(c.launch, dataDir);
  const tree = await processTree(app.child.pid!);
  const pgPid = Number((await fs.readFile(`${dataDir}/pg/postmaster.pid`, 'utf8')).split('\n')[0]);
  const t0 = Date.now();
  c.send(app.child.pid!, pgPid);
  return msUntilGone(tree, t0);
}

for (const c of CASES) {
  // Measured on a data directory that exists (the first start also flushes the new cluster to disk, once).
  const dataDir = await tempDataDir();
  await stopOnce(CASES[0], dataDir);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await stopOnce(c, dataDir));
  await fs.rm(dataDir, { recursive: true, force: true });
  console.log(`${c.name.padEnd(40)} all gone: ${summary(times)}`);
}

const restart: number[] = [];
const postgresUp: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const cleanup: (() => unknown)[] = [];
  const app = await runStackChild(true, cleanup);
  process.kill(app.serverPid, 'SIGKILL');
  process.kill(app.pgPid, 'SIGKILL');
  const t0 = Date.now();
  const again = await startStack(app.dataDir, { port: app.port, pgPort: app.pgPort });
  restart.push(Date.now() - t0);
  postgresUp.push(again.timings.postgres);
  await again.stop();
  for (const c of cleanup) await c();
}
console.log(`${'kill -9 server+postmaster, restart'.padEnd(40)} ready:    ${summary(restart)}`);
console.log(`${''.padEnd(40)} of which Postgres up: ${summary(postgresUp)}`);
