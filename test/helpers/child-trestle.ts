// A whole Trestle in a child process (test/helpers/trestle-child.ts) on a test database and a data directory of its
// own, for tests that kill it or measure its memory apart from the test's own.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSecret } from '../../src-server/services/keys.js';
import { createDatabase, urlFor } from './app.js';

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'trestle-child.ts');

export interface ChildTrestle {
  process: ChildProcess;
  url: string;
  dataDir: string;
  databaseUrl: string;
  anonKey: string;
  serviceKey: string;
  /** Resident set size in bytes (Linux /proc). */
  rss(): Promise<number>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
  /** A new process on the same database and data directory. */
  restart(): Promise<ChildTrestle>;
}

export interface ChildOptions {
  databaseUrl?: string;
  dataDir?: string;
  keys?: { anonKey: string; serviceKey: string };
}

export async function startChildTrestle(opts: ChildOptions = {}): Promise<ChildTrestle> {
  const databaseUrl = opts.databaseUrl ?? urlFor(await createDatabase());
  const dataDir = opts.dataDir ?? await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-child-'));
  const keys = opts.keys ?? { anonKey: generateSecret('anon'), serviceKey: generateSecret('service_role') };
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, DATABASE_URL: databaseUrl, TRESTLE_DATA_DIR: dataDir, TRESTLE_ANON_KEY: keys.anonKey, TRESTLE_SERVICE_KEY: keys.serviceKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /READY (\S+)/.exec(d.toString());
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child, url, dataDir, databaseUrl, ...keys,
    rss: async () => {
      const status = await fs.readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    restart: () => startChildTrestle({ databaseUrl, dataDir, keys }),
  };
}
