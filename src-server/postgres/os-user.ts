// Postgres refuses to run as root: when we are root, run it as a dedicated "postgres" OS user (created if missing).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RunAs {
  uid: number;
  gid: number;
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function lookup(name: string): Promise<RunAs | undefined> {
  // /etc/passwd answers without spawning a process; `id` covers NSS users (LDAP…) it does not list.
  const passwd = await fs.readFile('/etc/passwd', 'utf8').catch(() => '');
  const entry = passwd.split('\n').find((line) => line.startsWith(name + ':'))?.split(':');
  if (entry && entry.length >= 4) return { uid: Number(entry[2]), gid: Number(entry[3]) };
  try {
    const [u, g] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** Returns undefined when not root (Postgres runs as the current user). */
export async function postgresOsUser(): Promise<RunAs | undefined> {
  if (!isRoot()) return undefined;
  const existing = await lookup('postgres');
  if (existing) return existing;
  try {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
  } catch (err) {
    throw new Error(`Running as root and could not create the "postgres" OS user Postgres needs: ${(err as Error).message}`, { cause: err });
  }
  const created = await lookup('postgres');
  if (!created) throw new Error('Created the "postgres" OS user but cannot look it up');
  return created;
}

/** The postgres user must be able to reach the cluster directory: add search (x) permission on ancestors that lack it. */
export async function makeTraversable(dir: string): Promise<void> {
  let current = path.dirname(path.resolve(dir));
  while (true) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) await fs.chmod(current, (stat.mode & 0o7777) | 0o001);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
}
