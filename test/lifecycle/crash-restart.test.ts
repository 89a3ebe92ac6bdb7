// After `kill -9` of the app an immediate restart is accepted: its zombie (a parent that never reaps) holding
// the lock file's pid, a killed or orphaned postmaster, stale pid files. And Postgres never outlives Trestle.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedCluster } from '../../src-server/postgres/cluster.js';
import { freePort, isPortFree } from '../../src-server/postgres/ports.js';
import { isRunning } from '../../src-server/process-state.js';
import { msUntilGone, processTree, runStackChild, type CrashableStack } from '../helpers/app-process.js';
import { startStack, tempDataDir } from '../helpers/stack.js';

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

const stateLetter = async (pid: number) => (await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.[0];

async function restartWorks(app: CrashableStack): Promise<void> {
  const again = await startStack(app.dataDir, { port: app.port, pgPort: app.pgPort });
  try {
    const res = await fetch(`${again.url}/healthz`);
    expect(res.status).toBe(200);
  } finally {
    await again.stop();
  }
}

describe('restart after kill -9', () => {
  it('kill -9 of the server and Postgres, the server left a zombie: an immediate restart is accepted', async () => {
    const app = await runStackChild(true, cleanup);
    process.kill(app.serverPid, 'SIGKILL');
    process.kill(app.pgPid, 'SIGKILL');
    while ((await stateLetter(app.serverPid)) !== 'Z') await new Promise((r) => setTimeout(r, 5));
    // The lock file names a pid that kill(pid, 0) still finds: the zombie.
    expect(JSON.parse(await fs.readFile(path.join(app.dataDir, 'trestle.pid'), 'utf8')).pid).toBe(app.serverPid);
    expect(() => process.kill(app.serverPid, 0)).not.toThrow();
    await restartWorks(app);
  });

  it('kill -9 of the server alone: the guard stops the orphaned postmaster, nothing restarts it', async () => {
    const app = await runStackChild(false, cleanup);
    const t0 = Date.now();
    process.kill(app.serverPid, 'SIGKILL');
    expect(await msUntilGone([app.pgPid], t0, 10_000)).toBeLessThan(10_000);
    // A clean shutdown (a crash would leave postmaster.pid behind), and no Postgres on its port any more.
    expect(await fs.stat(path.join(app.dataDir, 'pg', 'postmaster.pid')).catch(() => null)).toBeNull();
    expect(await isPortFree(app.pgPort)).toBe(true);
    await restartWorks(app);
  });

  it('kill -9 of the server and its guard (the postmaster lives on): an immediate restart stops the orphan', async () => {
    const app = await runStackChild(false, cleanup);
    const commands = await Promise.all((await processTree(app.serverPid)).map(async (pid) => ({ pid, cmd: await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '') })));
    const guard = commands.find((p) => p.cmd.includes('trestle-postgres-guard'));
    expect(guard).toBeDefined();
    process.kill(guard!.pid, 'SIGKILL');
    process.kill(app.serverPid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
    expect(await isRunning(app.pgPid)).toBe(true); // the postmaster survived its parent
    await restartWorks(app);
    expect(await isRunning(app.pgPid)).toBe(false);
  });

  it('once a stop has begun, a Postgres exit is expected: not reported, never restarted', async () => {
    const unexpected: unknown[] = [];
    const { cluster, dir } = await newCluster(() => unexpected.push('exit'));
    const pgPid = cluster.pid!;
    cluster.expectExit(); // what startTrestle's stop() does first
    process.kill(pgPid, 'SIGKILL');
    while (cluster.running) await new Promise((r) => setTimeout(r, 10));
    expect(await cluster.restart()).toBe(false);
    await cluster.stop();
    expect(unexpected).toEqual([]);
    expect(await isPortFree(cluster.port)).toBe(true);
    expect(await readyLines(dir)).toBe(1);
  });

  it('a stop right after a crash, while the restart is under way, leaves no postmaster behind', async () => {
    let restarting: Promise<boolean> | undefined;
    const { cluster } = await newCluster(() => (restarting = cluster.restart()));
    process.kill(cluster.pid!, 'SIGKILL');
    while (!restarting) await new Promise((r) => setTimeout(r, 5));
    await cluster.stop();
    await restarting;
    expect(cluster.running).toBe(false);
    expect(await isPortFree(cluster.port)).toBe(true);
  });
});

async function newCluster(onUnexpectedExit: () => void): Promise<{ cluster: EmbeddedCluster; dir: string }> {
  const dir = await tempDataDir();
  const cluster = new EmbeddedCluster({ dataDir: dir, port: await freePort(), onUnexpectedExit });
  cleanup.push(async () => {
    await cluster.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });
  await cluster.start();
  return { cluster, dir };
}

async function readyLines(dir: string): Promise<number> {
  const log = await fs.readFile(path.join(dir, 'logs', 'postgres.log'), 'utf8');
  return log.match(/database system is ready to accept connections/g)?.length ?? 0;
}
