// Recovers a cluster directory after a crash: a stale postmaster.pid, or an orphaned postmaster whose parent was killed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { commandLine, isRunning, waitForExit } from '../process-state.js';

export type StalePidOutcome = 'none' | 'removed-stale-pid' | 'stopped-orphan';

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
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
  // A zombie is not running: a killed postmaster whose parent was killed too lingers as one until PID 1 reaps it.
  if (Number.isInteger(pid) && pid > 0 && (await isRunning(pid))) {
    const cmd = await commandLine(pid);
    if (cmd.includes('postgres') && cmd.includes(path.resolve(clusterDir))) {
      // Our own postmaster, orphaned by a killed parent: ask for a fast shutdown, then insist.
      signal(pid, 'SIGINT');
      if (!(await waitForExit(pid, 10_000))) {
        signal(pid, 'SIGQUIT');
        await waitForExit(pid, 5_000);
      }
      await fs.rm(pidFile, { force: true });
      return 'stopped-orphan';
    }
  }
  await fs.rm(pidFile, { force: true });
  return 'removed-stale-pid';
}
