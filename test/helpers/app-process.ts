// A real headless Trestle in child processes, launched the ways users and supervisors launch it (directly, through
// npm, through the bin), and what is left of it after a signal: which processes still run, and for how long.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { freePort } from '../../src-server/postgres/ports.js';
import { isRunning } from '../../src-server/process-state.js';
import { tempDataDir } from './stack.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NODE = process.execPath;

/** `npm start`, `npx trestle` (npm runs it in a shell), or the bin run directly, as a supervisor should. */
export type Launch = 'npm start' | 'npx trestle' | 'bin';

export interface AppProcess {
  /** The process we spawned: npm, or the bin (the server itself). */
  child: ChildProcess;
  dataDir: string;
  port: number;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function command(launch: Launch): [string, string[]] {
  if (launch === 'bin') return [path.join(ROOT, 'bin', 'trestle.mjs'), []];
  const npmCli = process.env.npm_execpath;
  const npm: [string, string[]] = npmCli?.endsWith('npm-cli.js') ? [NODE, [npmCli]] : ['npm', []];
  const args = launch === 'npm start' ? ['start'] : ['exec', '--offline', '--', 'trestle'];
  return [npm[0], [...npm[1], ...args]];
}

/**
 * Starts Trestle in its own process group (pid = pgid) and resolves once it printed its banner. The bin builds
 * out/ first when it is missing or older than the sources.
 */
export async function launchApp(launch: Launch, dataDir: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const [file, args] = command(launch);
  const child = spawn(file, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, PATH: `${path.dirname(NODE)}${path.delimiter}${process.env.PATH}`,
      TRESTLE_DATA_DIR: dataDir, TRESTLE_PORT: String(port), TRESTLE_PG_PORT: String(await freePort()), ...env,
    },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const app: AppProcess = { child, dataDir, port, output: () => out, exited };
  const until = Date.now() + 60_000;
  while (!out.includes('Dashboard:')) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`Trestle did not start (${launch}): ${out}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return app;
}

export async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** The pid of the node process serving the API, from the instance lock file. */
export async function serverPid(dataDir: string): Promise<number> {
  return (JSON.parse(await fs.readFile(path.join(dataDir, 'trestle.pid'), 'utf8')) as { pid: number }).pid;
}

/** `pid` and every live process below it (zombies excluded), from /proc: Linux only, like the tests using it. */
export async function processTree(pid: number): Promise<number[]> {
  const parentOf = new Map<number, number>();
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] && fields[0] !== 'Z') parentOf.set(Number(entry), Number(fields[1]));
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** Milliseconds until none of `pids` runs any more (zombies count as gone); throws after `ms`. */
export async function msUntilGone(pids: number[], t0: number, ms = 15_000): Promise<number> {
  while (Date.now() - t0 < ms) {
    const running = await Promise.all(pids.map(isRunning));
    if (!running.some(Boolean)) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`still running ${ms} ms after the signal: ${pids.join(', ')}`);
}

export const fileExists = (file: string) => fs.access(file).then(() => true, () => false);

export interface CrashableStack {
  dataDir: string;
  port: number;
  pgPort: number;
  pgPid: number;
  /** The node process running the stack. */
  serverPid: number;
}

/**
 * Runs test/fixtures/run-stack.ts in a child. `neverReaped`: under a parent that never wait()s, so once killed
 * the server stays a zombie, as under a container PID 1 that does not reap.
 */
export async function runStackChild(neverReaped: boolean, cleanup: (() => unknown)[]): Promise<CrashableStack> {
  const dataDir = await tempDataDir();
  const port = await freePort();
  const pgPort = await freePort();
  const node = [process.execPath, '--import', 'tsx', 'test/fixtures/run-stack.ts'];
  const [file, args] = neverReaped ? ['sh', ['-c', '"$@" & exec sleep 120', 'sh', ...node]] : [node[0], node.slice(1)];
  const child: ChildProcess = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, TRESTLE_DATA_DIR: dataDir, TRESTLE_PORT: String(port), TRESTLE_PG_PORT: String(pgPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanup.push(async () => {
    child.kill('SIGKILL');
    await fs.rm(dataDir, { recursive: true, force: true });
  });
  const ready = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the stack exited early (${code})`)));
  });
  return { dataDir, port, pgPort, pgPid: Number(ready.split(' ')[1]), serverPid: await serverPid(dataDir) };
}
