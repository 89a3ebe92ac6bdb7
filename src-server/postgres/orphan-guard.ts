// The postmaster must not outlive Trestle. It runs in its own process group (so a signal to ours does not
// reach it behind our back), which also means nothing stops it when we die without stopping it (SIGKILL, crash).
// A tiny shell in its own session reads a pipe only we hold: at end of file (we are gone) it asks the
// postmaster for a fast shutdown; on "done" (we stopped it, or it exited) it leaves quietly.
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

const SCRIPT = 'read line; [ "$line" = done ] || kill -INT "$1" 2>/dev/null';

export interface OrphanGuard {
  release(): void;
}

/** Undefined on Windows, which has no process groups to escape; the next start stops an orphan there. */
export function guardPostmaster(pid: number): OrphanGuard | undefined {
  if (process.platform === 'win32') return undefined;
  const watcher = spawn('/bin/sh', ['-c', SCRIPT, 'trestle-postgres-guard', String(pid)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watcher.on('error', () => undefined); // no /bin/sh: no guard, as on Windows
  const pipe = watcher.stdin!;
  pipe.on('error', () => undefined);
  (pipe as Socket).unref();
  watcher.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      pipe.end('done\n');
    },
  };
}
