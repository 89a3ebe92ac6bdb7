// Runs the embedded Postgres cluster: initdb on first start, start/stop, crash recovery and unexpected-exit reporting.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadBinaries } from './binaries.js';
import { postgresOsUser, makeTraversable, type RunAs } from './os-user.js';
import { assertPortFree } from './ports.js';
import { recoverStalePid, type StalePidOutcome } from './stale-pid.js';

export interface ClusterOptions {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
  /** Called when the postmaster exits without stop() having been asked. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface ClusterCredentials {
  user: string;
  password: string;
}

export interface StartReport {
  initialised: boolean;
  recovered: StalePidOutcome;
  initdbMs: number;
  startMs: number;
}

const SUPERUSER = 'postgres';

export class EmbeddedCluster {
  readonly clusterDir: string;
  private readonly credentialsFile: string;
  private process?: ChildProcess;
  private stopping = false;
  private logStream?: WriteStream;
  private runAs?: RunAs;
  credentials?: ClusterCredentials;

  constructor(private readonly options: ClusterOptions) {
    this.clusterDir = path.join(options.dataDir, 'pg');
    this.credentialsFile = path.join(options.dataDir, 'cluster.json');
  }

  get port(): number {
    return this.options.port;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  url(database: string): string {
    const c = this.credentials!;
    return `postgresql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${this.options.port}/${encodeURIComponent(database)}`;
  }

  async start(): Promise<StartReport> {
    await fs.mkdir(path.join(this.options.dataDir, 'logs'), { recursive: true });
    this.runAs = await postgresOsUser();
    if (this.runAs) await makeTraversable(this.clusterDir);
    const t0 = performance.now();
    const initialised = await this.initialiseIfNeeded();
    const initdbMs = performance.now() - t0;
    const recovered = await recoverStalePid(this.clusterDir);
    await assertPortFree(this.options.port, 'TRESTLE_PG_PORT', 'Postgres');
    const t1 = performance.now();
    await this.spawnPostmaster();
    if (initialised) this.syncInBackground();
    return { initialised, recovered, initdbMs, startMs: performance.now() - t1 };
  }

  private async readCredentials(): Promise<ClusterCredentials | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.credentialsFile, 'utf8')) as ClusterCredentials;
    } catch {
      return undefined;
    }
  }

  private async initialiseIfNeeded(): Promise<boolean> {
    const existing = await this.readCredentials();
    const hasCluster = await fs.stat(path.join(this.clusterDir, 'PG_VERSION')).then(() => true, () => false);
    if (hasCluster && existing) {
      this.credentials = existing;
      return false;
    }
    if (hasCluster && !existing) {
      throw new Error(`${this.credentialsFile} is missing, so the existing cluster in ${this.clusterDir} cannot be opened. Restore that file or move the directory away to start fresh.`);
    }
    this.credentials = { user: SUPERUSER, password: crypto.randomBytes(18).toString('base64url') };
    // initdb into a scratch directory and rename it into place, so a crash mid-initdb never leaves half a cluster.
    const scratch = `${this.clusterDir}.init-${process.pid}`;
    await fs.rm(scratch, { recursive: true, force: true });
    await fs.mkdir(scratch, { recursive: true, mode: 0o700 });
    const pwFile = path.join(os.tmpdir(), `trestle-pw-${crypto.randomBytes(6).toString('hex')}`);
    await fs.writeFile(pwFile, this.credentials.password + '\n', { mode: 0o600 });
    if (this.runAs) {
      await fs.chown(scratch, this.runAs.uid, this.runAs.gid);
      await fs.chown(pwFile, this.runAs.uid, this.runAs.gid);
    }
    const { initdb } = await loadBinaries();
    try {
      await this.exec(initdb, [
        `--pgdata=${scratch}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${pwFile}`,
        '--encoding=UTF8', '--locale-provider=builtin', '--locale=C.UTF-8', '--no-instructions', '--no-sync',
      ]);
    } finally {
      await fs.rm(pwFile, { force: true });
    }
    await fs.rm(this.clusterDir, { recursive: true, force: true });
    await fs.rename(scratch, this.clusterDir);
    const tmpCreds = `${this.credentialsFile}.tmp`;
    await fs.writeFile(tmpCreds, JSON.stringify(this.credentials), { mode: 0o600 });
    await fs.rename(tmpCreds, this.credentialsFile);
    return true;
  }

  /** initdb ran with --no-sync to be ready sooner; flush its files to disk now, off the start-up path. */
  private syncInBackground(): void {
    void loadBinaries().then(({ initdb }) => this.exec(initdb, ['--sync-only', `--pgdata=${this.clusterDir}`])).catch((err: Error) => {
      this.logStream?.write(`trestle: background sync of the new cluster failed: ${err.message}\n`);
    });
  }

  private exec(bin: string, args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(bin, args, { ...this.runAs, env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} failed (exit ${code}): ${output.trim()}`))));
    });
  }

  private async spawnPostmaster(): Promise<void> {
    const { postgres } = await loadBinaries();
    this.logStream ??= createWriteStream(path.join(this.options.dataDir, 'logs', 'postgres.log'), { flags: 'a' });
    this.stopping = false;
    const child = spawn(postgres, [
      '-D', this.clusterDir, '-p', String(this.options.port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', "unix_socket_directories=",
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=64MB',
      '-c', 'wal_level=logical',
    ], { ...this.runAs, env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let tail = '';
      let ready = false;
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        this.logStream?.write(text);
        this.options.onLog?.(text);
        if (!ready) {
          tail = (tail + text).slice(-4000);
          if (tail.includes('database system is ready to accept connections')) {
            ready = true;
            resolve();
          }
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (!ready) {
          reject(new Error(`Postgres exited during start-up (exit ${code ?? signal}): ${tail.trim().split('\n').slice(-5).join(' | ')}`));
        } else if (!this.stopping) {
          this.options.onUnexpectedExit?.(code, signal);
        }
      });
    });
  }

  /** Restart after an unexpected exit (e.g. the postmaster was SIGKILLed). */
  async restart(): Promise<void> {
    await recoverStalePid(this.clusterDir);
    let lastError: unknown;
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await this.spawnPostmaster();
        return;
      } catch (err) {
        // Orphaned backends may still hold the old shared memory for a moment.
        lastError = err;
        await new Promise((r) => setTimeout(r, 250));
        await recoverStalePid(this.clusterDir);
      }
    }
    throw lastError;
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.process;
    this.stopping = true;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.logStream?.end();
      this.logStream = undefined;
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
    const timer = setTimeout(() => child.kill('SIGQUIT'), timeoutMs);
    await exited;
    clearTimeout(timer);
    this.process = undefined;
    this.logStream?.end();
    this.logStream = undefined;
  }
}
