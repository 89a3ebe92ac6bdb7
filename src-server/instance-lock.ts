// One Trestle per data directory: a lock file holding our pid, taken over when its owner is gone.
import fs from 'node:fs/promises';
import path from 'node:path';

export class DataDirInUseError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Data directories held by this process (the pid file alone cannot tell two instances in one process apart).
const heldHere = new Set<string>();

export async function acquireInstanceLock(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'trestle.pid');
  const key = path.resolve(dataDir);
  if (heldHere.has(key)) {
    throw new DataDirInUseError(`Another Trestle in this process is already using the data directory ${dataDir}.`);
  }
  await fs.mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: 'wx' });
      heldHere.add(key);
      return async () => {
        heldHere.delete(key);
        const owner = await fs.readFile(file, 'utf8').catch(() => '');
        if (owner === String(process.pid)) await fs.rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(await fs.readFile(file, 'utf8').catch(() => '0'));
      if (owner && owner !== process.pid && alive(owner)) {
        throw new DataDirInUseError(`Another Trestle (pid ${owner}) is already using the data directory ${dataDir}. Stop it first, or set TRESTLE_DATA_DIR to another directory.`);
      }
      await fs.rm(file, { force: true }); // its owner crashed
    }
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dataDir}`);
}
