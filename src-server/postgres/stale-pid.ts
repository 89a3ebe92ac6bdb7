// Recovers a cluster directory after a crash: a stale postmaster.pid, or an orphaned postmaster whose parent was killed.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type StalePidOutcome = 'none' | 'removed-stale-pid' | 'stopped-orphan';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function commandLine(pid: number): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
  } catch {
    try {
      return (await run('ps', ['-o', 'command=', '-p', String(pid)])).stdout;
    } catch {
      return '';
    }
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !isAlive(pid);
}

export async function recoverStalePid(clusterDir: string): Promise<StalePidOutcome> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return 'none';
  }
  const pid = Number(content.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const cmd = await commandLine(pid);
    if (cmd.includes('postgres') && cmd.includes(path.resolve(clusterDir))) {
      // Our own postmaster, orphaned by a killed parent: ask for a fast shutdown, then insist.
      process.kill(pid, 'SIGINT');
      if (!(await waitForExit(pid, 10_000))) {
        process.kill(pid, 'SIGQUIT');
        await waitForExit(pid, 5_000);
      }
      await fs.rm(pidFile, { force: true });
      return 'stopped-orphan';
    }
  }
  await fs.rm(pidFile, { force: true });
  return 'removed-stale-pid';
}
