// A real zombie: a child of `sleep`, which never wait()s for it, so it stays in the process table after exiting,
// as a killed server does under a container PID 1 that does not reap.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';

export interface Zombie {
  pid: number;
  /** Ends the non-reaping parent, so that init can reap the zombie. */
  release(): void;
}

export async function makeZombie(): Promise<Zombie> {
  const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  const until = Date.now() + 5_000;
  while (!(await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).includes(') Z ')) {
    if (Date.now() > until) throw new Error(`pid ${pid} did not become a zombie`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return { pid, release: () => parent.kill('SIGKILL') };
}
