// Stopping the headless app the ways supervisors do: a signal to npm's pid, to the whole process group, to the
// bin. Every process of the app (npm and its shell, node, the postmaster, its backends, the guard) must be gone
// within 10 s, Postgres shut down cleanly, and never restarted on the way.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileExists, launchApp, postmasterPid, processTree, msUntilGone, type AppProcess, type Launch } from '../helpers/app-process.js';
import { tempDataDir } from '../helpers/stack.js';

const STOP_BUDGET_MS = 10_000;
const apps: AppProcess[] = [];
afterAll(async () => {
  for (const app of apps) {
    // Only a test that failed leaves its app running (and only then are the pids below still its own).
    if (app.child.exitCode === null && app.child.signalCode === null) process.kill(-app.child.pid!, 'SIGKILL');
    await fs.rm(app.dataDir, { recursive: true, force: true });
  }
});

interface Started extends AppProcess {
  pgPid: number;
  /** Every process of the app when it was ready. */
  tree: number[];
}

async function start(launch: Launch): Promise<Started> {
  const app = await launchApp(launch, await tempDataDir());
  apps.push(app);
  const pgPid = await postmasterPid(app.dataDir);
  const tree = await processTree(app.child.pid!);
  expect(tree).toContain(pgPid);
  return { ...app, pgPid, tree };
}

async function postgresLog(app: Started): Promise<string> {
  return fs.readFile(path.join(app.dataDir, 'logs', 'postgres.log'), 'utf8');
}

/** Sends the signal, then asserts everything stopped cleanly in time. */
async function stopsCleanly(app: Started, send: () => void): Promise<void> {
  const t0 = Date.now();
  send();
  expect(await msUntilGone(app.tree, t0)).toBeLessThan(STOP_BUDGET_MS);
  const pgLog = await postgresLog(app);
  expect(pgLog).toContain('received fast shutdown request'); // asked by Trestle…
  expect(pgLog).not.toContain('received smart shutdown request'); // …not hit by a SIGTERM meant for the app
  expect(pgLog.match(/database system is ready to accept connections/g)).toHaveLength(1); // never restarted
  expect(app.output()).not.toMatch(/exited unexpectedly|Postgres restarted/);
  expect(await fileExists(path.join(app.dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  expect(await fileExists(path.join(app.dataDir, 'trestle.pid'))).toBe(false);
}

describe('stopping on signals', { timeout: 90_000 }, () => {
  it('the trestle bin is the server process itself, and SIGTERM to it stops everything', async () => {
    const app = await start('bin'); // first, as it builds out/ when needed
    // No wrapper: the postmaster is a child of the very process the supervisor started.
    const pgParent = Number((await fs.readFile(`/proc/${app.pgPid}/stat`, 'utf8')).split(') ')[1].split(' ')[1]);
    expect(pgParent).toBe(app.child.pid);
    await stopsCleanly(app, () => process.kill(app.child.pid!, 'SIGTERM'));
    expect(await app.exited).toEqual({ code: 0, signal: null });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to the pid of npm start stops the server and Postgres, then npm exits`, async () => {
      const app = await start('npm start');
      await stopsCleanly(app, () => process.kill(app.child.pid!, signal));
      expect(app.output()).toContain(`"reason":"${signal}","msg":"shutting down"`);
    });
  }

  it('SIGTERM to the pid of npx trestle (npm, its shell, then the bin) stops the server and Postgres', async () => {
    const app = await start('npx trestle');
    expect(app.tree.length).toBeGreaterThanOrEqual(4); // npm, its shell, node, the postmaster…
    await stopsCleanly(app, () => process.kill(app.child.pid!, 'SIGTERM'));
    // npm's shell died of the signal without passing it on: Trestle stopped because its parent went away.
    expect(app.output()).toContain('"reason":"parent process exited","msg":"shutting down"');
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`${signal} to the whole process group reaches Trestle only, which stops Postgres and exits 0`, async () => {
      const app = await start('bin');
      await stopsCleanly(app, () => process.kill(-app.child.pid!, signal));
      expect(await app.exited).toEqual({ code: 0, signal: null });
    });
  }

  it('SIGTERM to the server and the postmaster at once (a cgroup-wide stop) is a stop, not a crash', async () => {
    const app = await start('bin');
    const t0 = Date.now();
    process.kill(app.child.pid!, 'SIGTERM');
    process.kill(app.pgPid, 'SIGTERM');
    expect(await msUntilGone(app.tree, t0)).toBeLessThan(STOP_BUDGET_MS);
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect((await postgresLog(app)).match(/database system is ready to accept connections/g)).toHaveLength(1);
    expect(app.output()).not.toMatch(/exited unexpectedly|Postgres restarted/);
  });
});
