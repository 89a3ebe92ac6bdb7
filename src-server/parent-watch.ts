// Under npm (`npm start`, `npx trestle`) our parent is the shell npm runs scripts in. npm forwards SIGTERM and
// SIGINT to that shell, which dies of it without passing it on: we would be left running, holding Postgres.
// So when npm started us, the parent going away is a stop request.
const POLL_MS = 200;

export const startedByNpm = (env: NodeJS.ProcessEnv) => env.npm_lifecycle_event !== undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls `onExit` once the process that started us is gone (POSIX: we were re-parented; Windows: it exited). */
export function watchParent(onExit: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = process.platform === 'win32' ? !alive(parent) : process.ppid !== parent;
    if (!gone) return;
    clearInterval(timer);
    onExit();
  }, POLL_MS);
  timer.unref();
}
