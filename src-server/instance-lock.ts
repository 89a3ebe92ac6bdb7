// One Trestle per data directory: a lock file naming our pid and its start time, taken over when its owner is gone.
// Gone includes a zombie (killed, not yet reaped) and a live process that merely got the same pid later. A starter
// waits a moment for an owner that was just killed, and for one that is stopping, so that "stop, then start" works.
import fs from 'node:fs/promises';
import path from 'node:path';
import { processState } from './process-state.js';

export class DataDirInUseError extends Error {}

interface LockOwner {
  pid: number;
  /** The owner's process start time (see process-state.ts); absent in lock files of older versions. */
  started?: string;
  /** Set when the owner began to stop. */
  stopping?: boolean;
}

export interface InstanceLock {
  /** A previous owner's lock was found and that owner is gone (it crashed, was killed, or just stopped). */
  readonly tookOver: boolean;
  /** Tells starters that we are stopping: they wait for us instead of giving up. */
  markStopping(): Promise<void>;
  release(): Promise<void>;
}

/** How long a starter waits for a running owner to be gone: one just SIGKILLed, or one stopping (its stop's bound). */
const WAIT_FOR_OWNER_MS = 2_000;
const WAIT_FOR_STOPPING_OWNER_MS = 15_000;

export const lockFile = (dataDir: string) => path.join(dataDir, 'trestle.pid');

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as LockOwner | number;
    if (typeof owner === 'number') return { pid: owner }; // an older version's bare pid
    return Number.isInteger(owner?.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

export async function readLockOwner(dataDir: string): Promise<LockOwner | undefined> {
  return parseOwner(await fs.readFile(lockFile(dataDir), 'utf8').catch(() => ''));
}

/** Whether the process named in the lock file is still the one that wrote it, and still running. */
export async function ownerRunning(owner: LockOwner): Promise<boolean> {
  if (owner.pid === process.pid) return false; // our pid, from before a container or machine restart
  const state = await processState(owner.pid);
  if (!state.running) return false;
  return owner.started === undefined || state.started === undefined || owner.started === state.started;
}

/** Creates the file with its whole content at once (link of a written temp file), failing with EEXIST if present. */
async function createExclusive(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, content);
  try {
    await fs.link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw err;
    await fs.writeFile(file, content, { flag: 'wx' }); // a file system without hard links
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/**
 * Waits while the lock file keeps naming a running owner. Resolves with the file's last content once its owner is
 * gone (or the file changed or went away: the caller tries again); throws when the owner outlasts the wait.
 */
async function waitForOwner(file: string, dataDir: string): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    const owner = parseOwner(text);
    if (!owner || !(await ownerRunning(owner))) return text;
    if (Date.now() - t0 > (owner.stopping ? WAIT_FOR_STOPPING_OWNER_MS : WAIT_FOR_OWNER_MS)) {
      throw new DataDirInUseError(`Another Trestle (pid ${owner.pid}) is ${owner.stopping ? 'still stopping and' : 'already'} using the data directory ${dataDir}. Stop it first, or set TRESTLE_DATA_DIR to another directory.`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Data directories held by this process (the pid file alone cannot tell two instances in one process apart).
const heldHere = new Set<string>();

export async function acquireInstanceLock(dataDir: string): Promise<InstanceLock> {
  const file = lockFile(dataDir);
  const key = path.resolve(dataDir);
  if (heldHere.has(key)) {
    throw new DataDirInUseError(`Another Trestle in this process is already using the data directory ${dataDir}.`);
  }
  await fs.mkdir(dataDir, { recursive: true });
  const me: LockOwner = { pid: process.pid, started: (await processState(process.pid)).started };
  let content = JSON.stringify(me);
  let tookOver = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await createExclusive(file, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const stale = await waitForOwner(file, dataDir);
      // Its owner is gone: remove the file unless another starter replaced it meanwhile.
      if ((await fs.readFile(file, 'utf8').catch(() => '')) === stale) await fs.rm(file, { force: true });
      tookOver = true;
      continue;
    }
    heldHere.add(key);
    return {
      tookOver,
      async markStopping() {
        const stopping = JSON.stringify({ ...me, stopping: true });
        await fs.writeFile(`${file}.tmp`, stopping);
        await fs.rename(`${file}.tmp`, file);
        content = stopping;
      },
      async release() {
        heldHere.delete(key);
        const current = await fs.readFile(file, 'utf8').catch(() => '');
        if (current === content) await fs.rm(file, { force: true });
      },
    };
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dataDir}`);
}
