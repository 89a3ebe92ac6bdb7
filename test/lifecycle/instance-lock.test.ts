// The data directory lock: taken over when its owner is gone (exited, a zombie, or its pid now someone else's),
// refused while the owner runs. Real processes, no Postgres.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireInstanceLock, DataDirInUseError, lockFile } from '../../src-server/instance-lock.js';
import { isRunning, parseProcStat, processState } from '../../src-server/process-state.js';
import { tempDataDir } from '../helpers/stack.js';
import { makeZombie } from '../helpers/zombie.js';

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

async function dirWithLock(content: string): Promise<string> {
  const dir = await tempDataDir();
  cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.writeFile(lockFile(dir), content);
  return dir;
}

function sleeper(): ChildProcess {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  cleanup.push(() => child.kill('SIGKILL'));
  return child;
}

describe('process state', () => {
  it('reads state and start time from /proc/<pid>/stat, whatever the command name holds', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    expect(parseProcStat(`42 (a) b (c) ${['S', ...fields.slice(1)].join(' ')}`)).toEqual({ running: true, started: '22' });
    expect(parseProcStat(`42 (node) ${['Z', ...fields.slice(1)].join(' ')}`)).toEqual({ running: false });
  });

  it('counts a zombie as gone although kill(pid, 0) still succeeds for it', async () => {
    const zombie = await makeZombie();
    cleanup.push(zombie.release);
    expect(() => process.kill(zombie.pid, 0)).not.toThrow();
    expect(await isRunning(zombie.pid)).toBe(false);
  });
});

describe('instance lock', () => {
  it('takes over a lock whose owner is a zombie, even with the zombie\'s own start time', async () => {
    const zombie = await makeZombie();
    cleanup.push(zombie.release);
    const stat = await fs.readFile(`/proc/${zombie.pid}/stat`, 'utf8');
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const dir = await dirWithLock(JSON.stringify({ pid: zombie.pid, started }));
    const lock = await acquireInstanceLock(dir);
    expect(lock.tookOver).toBe(true);
    expect(JSON.parse(await fs.readFile(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
    expect(await fs.stat(lockFile(dir)).catch(() => null)).toBeNull();
  });

  it('takes over a lock whose pid now belongs to another process (its start time differs)', async () => {
    const other = sleeper();
    const dir = await dirWithLock(JSON.stringify({ pid: other.pid, started: '1' }));
    await (await acquireInstanceLock(dir)).release();
  });

  it('refuses while the owner runs: same pid and start time, or an older version\'s bare pid', async () => {
    const owner = sleeper();
    const { started } = await processState(owner.pid!);
    // Both at once: a starter waits a moment for an owner that was just killed before it refuses.
    await Promise.all([JSON.stringify({ pid: owner.pid, started }), String(owner.pid)].map(async (content) => {
      const dir = await dirWithLock(content);
      const refused = await acquireInstanceLock(dir).catch((err: Error) => err);
      expect(refused).toBeInstanceOf(DataDirInUseError);
      expect((refused as Error).message).toContain(`Another Trestle (pid ${owner.pid}) is already using`);
      expect(await fs.readFile(lockFile(dir), 'utf8')).toBe(content);
    }));
  });

  it('takes over a lock of a process that exited, or an empty or garbled one', async () => {
    const gone = sleeper();
    gone.kill('SIGKILL');
    await new Promise((r) => gone.once('exit', r));
    for (const content of [JSON.stringify({ pid: gone.pid }), String(gone.pid), '', '{"pid":']) {
      const dir = await dirWithLock(content);
      await (await acquireInstanceLock(dir)).release();
      expect(await fs.readdir(dir)).toEqual([]); // no temp files left behind
    }
  });

  it('waits for an owner that is stopping, then takes over', async () => {
    const owner = sleeper();
    const { started } = await processState(owner.pid!);
    const dir = await dirWithLock(JSON.stringify({ pid: owner.pid, started, stopping: true }));
    const t0 = Date.now();
    setTimeout(() => owner.kill('SIGTERM'), 2_500); // longer than a running owner is waited for
    const lock = await acquireInstanceLock(dir);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2_400);
    await lock.release();
  });

  it('marks the lock file while stopping, so that a starter waits for the stop', async () => {
    const dir = await tempDataDir();
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    const lock = await acquireInstanceLock(dir);
    expect(lock.tookOver).toBe(false);
    await lock.markStopping();
    expect(JSON.parse(await fs.readFile(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid, stopping: true });
    await lock.release();
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
