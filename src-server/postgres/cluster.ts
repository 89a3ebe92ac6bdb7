// Runs the embedded Postgres cluster: initdb on first start, start/stop, crash recovery and unexpected-exit reporting.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { quoteIdent, quoteLiteral } from '../db/quote.js';
import { loadBinaries } from './binaries.js';
import { copyTree, readTemplate } from './cluster-template.js';
import { writeClientAuth } from './client-auth.js';
import { guardPostmaster } from './orphan-guard.js';
import { postgresOsUser, makeTraversable, type RunAs } from './os-user.js';
import { assertPortFree, PORT_GRACE_AFTER_CRASH_MS } from './ports.js';
import { recoverStalePid, type StalePidOutcome } from './stale-pid.js';

export interface ClusterOptions {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
  /** Called once the postmaster process has been spawned (before it is ready): the caller's own work can start then. */
  onSpawned?: () => void;
  /** Called when the postmaster exits without stop() (or expectExit()) having been called. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  /**
   * A never-started cluster made by `npm run build` (see cluster-template.ts). The first start copies it instead of
   * running initdb (≈ 1 s here), then gives the superuser a new random password.
   */
  templateDir?: string;
}

export interface ClusterCredentials {
  user: string;
  password: string;
  /** Set between copying a template and replacing its password: the password being switched to. */
  pending?: string;
}

export interface StartReport {
  initialised: boolean;
  recovered: StalePidOutcome;
  initdbMs: number;
  startMs: number;
}

const SUPERUSER = 'postgres';
/**
 * Unix-domain socket paths are limited (sun_path: 108 bytes on Linux, 104 on macOS); a longer data dir keeps TCP only.
 * `.s.PGSQL.<port>` is appended by Postgres.
 */
const MAX_SOCKET_PATH = 100;
/** Statements slower than this are written to the server log (the dashboard's Logs page lists them). */
export const SLOW_STATEMENT_MS = 1000;

export class EmbeddedCluster {
  readonly clusterDir: string;
  private readonly credentialsFile: string;
  private process?: ChildProcess;
  private stopping = false;
  private restarting?: Promise<boolean>;
  /** The first start's background flush of the new cluster: a stop waits for it (it is short, and makes it durable). */
  private syncing?: Promise<void>;
  private logStream?: WriteStream;
  private runAs?: RunAs;
  credentials?: ClusterCredentials;

  /** Where Postgres puts its Unix-domain socket (Trestle's own connections use it), or undefined: TCP only. */
  readonly socketDir?: string;

  constructor(private readonly options: ClusterOptions) {
    this.clusterDir = path.join(options.dataDir, 'pg');
    this.credentialsFile = path.join(options.dataDir, 'cluster.json');
    const socketDir = path.resolve(options.dataDir, 'run');
    const usable = process.platform !== 'win32' && `${socketDir}/.s.PGSQL.${options.port}`.length <= MAX_SOCKET_PATH && !/[",\\]/.test(socketDir);
    if (usable) this.socketDir = socketDir;
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

  /** The TCP URL, for apps and tools (what Trestle shows). */
  url(database: string): string {
    return this.urlVia('127.0.0.1', database);
  }

  /**
   * The URL for Trestle's own connections: the Unix-domain socket when there is one (no TCP loopback on every query:
   * cheaper for both sides), else TCP.
   */
  localUrl(database: string): string {
    return this.socketDir ? this.urlVia(encodeURIComponent(this.socketDir), database) : this.url(database);
  }

  private urlVia(host: string, database: string): string {
    const c = this.credentials!;
    return `postgresql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${host}:${this.options.port}/${encodeURIComponent(database)}`;
  }

  /** The socket directory, owned by the OS user Postgres runs as (Postgres creates the socket and its lock file there). */
  private async prepareSocketDir(): Promise<void> {
    if (!this.socketDir) return;
    await fs.mkdir(this.socketDir, { recursive: true, mode: 0o700 });
    await fs.chmod(this.socketDir, 0o700);
    if (this.runAs) await fs.chown(this.socketDir, this.runAs.uid, this.runAs.gid);
  }

  async start(): Promise<StartReport> {
    await fs.mkdir(path.join(this.options.dataDir, 'logs'), { recursive: true });
    this.runAs = await postgresOsUser();
    if (this.runAs) await makeTraversable(this.clusterDir);
    const t0 = performance.now();
    const initialised = await this.initialiseIfNeeded();
    const initdbMs = performance.now() - t0;
    const recovered = await recoverStalePid(this.clusterDir);
    await assertPortFree(this.options.port, 'TRESTLE_PG_PORT', 'Postgres', '127.0.0.1', recovered === 'none' ? 0 : PORT_GRACE_AFTER_CRASH_MS);
    await this.prepareSocketDir();
    await writeClientAuth(this.clusterDir, this.runAs, this.socketDir !== undefined);
    const t1 = performance.now();
    this.stopping = false;
    await this.spawnUntilUp(recovered !== 'none');
    if (this.credentials!.pending) await this.finishPasswordChange();
    if (initialised) this.syncInBackground();
    return { initialised, recovered, initdbMs, startMs: performance.now() - t1 };
  }

  /** initdb only (no start): used to build the cluster template. */
  async initialiseOnly(): Promise<void> {
    await fs.mkdir(this.options.dataDir, { recursive: true });
    this.runAs = await postgresOsUser();
    if (this.runAs) await makeTraversable(this.clusterDir);
    await this.initialiseIfNeeded();
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
    if (await this.initialiseFromTemplate()) return true;
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
    await this.writeCredentials(this.credentials);
    return true;
  }

  /** Initialise by copying the build's template cluster; false when there is no usable template. */
  private async initialiseFromTemplate(): Promise<boolean> {
    const template = this.options.templateDir ? await readTemplate(this.options.templateDir) : undefined;
    if (!template) return false;
    const scratch = `${this.clusterDir}.copy-${process.pid}`;
    try {
      await fs.rm(scratch, { recursive: true, force: true });
      await copyTree(template.clusterDir, scratch, this.runAs);
      await fs.chmod(scratch, 0o700);
    } catch {
      await fs.rm(scratch, { recursive: true, force: true });
      return false; // fall back to initdb
    }
    await fs.rm(this.clusterDir, { recursive: true, force: true });
    await fs.rename(scratch, this.clusterDir);
    // Every copy of a template starts with the template's password: replace it as soon as the cluster is up.
    this.credentials = { user: template.credentials.user, password: template.credentials.password, pending: crypto.randomBytes(18).toString('base64url') };
    await this.writeCredentials(this.credentials);
    return true;
  }

  /** ALTER ROLE to the pending password, then record it; safe to repeat after a crash at any point. */
  private async finishPasswordChange(): Promise<void> {
    const creds = this.credentials!;
    const pending = creds.pending!;
    const connect = async (password: string) => {
      const client = new pg.Client({ host: '127.0.0.1', port: this.options.port, user: creds.user, password, database: 'postgres' });
      await client.connect();
      return client;
    };
    const client = await connect(creds.password).catch(() => connect(pending));
    try {
      await client.query(`ALTER ROLE ${quoteIdent(creds.user)} PASSWORD ${quoteLiteral(pending)}`);
    } finally {
      await client.end();
    }
    this.credentials = { user: creds.user, password: pending };
    await this.writeCredentials(this.credentials);
  }

  private async writeCredentials(credentials: ClusterCredentials): Promise<void> {
    const tmp = `${this.credentialsFile}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(credentials), { mode: 0o600 });
    await fs.rename(tmp, this.credentialsFile);
  }

  /** initdb ran with --no-sync to be ready sooner; flush its files to disk now, off the start-up path. */
  private syncInBackground(): void {
    this.syncing = loadBinaries().then(({ initdb }) => this.exec(initdb, ['--sync-only', `--pgdata=${this.clusterDir}`])).catch((err: Error) => {
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
    const child = spawn(postgres, [
      '-D', this.clusterDir, '-p', String(this.options.port),
      '-c', 'listen_addresses=127.0.0.1',
      // Only Trestle (and root) can enter the socket directory: the socket itself keeps the default permissions.
      '-c', `unix_socket_directories=${this.socketDir ? `"${this.socketDir}"` : ''}`,
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=64MB',
      '-c', 'wal_level=logical',
      '-c', `log_min_duration_statement=${SLOW_STATEMENT_MS}`,
    ], {
      ...this.runAs, env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C, `kill -- -PGID` or a supervisor's group signal reach us, and we stop it.
      detached: process.platform !== 'win32',
    });
    this.process = child;
    this.options.onSpawned?.();
    const guard = child.pid === undefined ? undefined : guardPostmaster(child.pid);
    child.once('exit', () => guard?.release());
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

  /**
   * Starts the postmaster, retrying a while when it may only be waiting for a crashed predecessor's backends
   * to let go of their shared memory (they exit as soon as they notice the postmaster is gone).
   */
  private async spawnUntilUp(afterCrash: boolean): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.spawnPostmaster();
        return;
      } catch (err) {
        const transient = afterCrash && /shared memory block|lock file .* already exists|Address already in use/.test((err as Error).message);
        if (!transient || attempt >= 20 || this.stopping) throw err;
        await new Promise((r) => setTimeout(r, 250));
        await recoverStalePid(this.clusterDir);
      }
    }
  }

  /**
   * Restart after an unexpected exit (e.g. the postmaster was SIGKILLed). Resolves false when a stop began
   * first: a stop in progress never starts anything.
   */
  restart(): Promise<boolean> {
    if (this.stopping) return Promise.resolve(false);
    this.restarting ??= (async () => {
      await recoverStalePid(this.clusterDir);
      if (this.stopping) return false;
      await this.spawnUntilUp(true);
      return true;
    })().finally(() => (this.restarting = undefined));
    return this.restarting;
  }

  /** A stop is under way: from now on the postmaster exiting is expected, and nothing restarts it. */
  expectExit(): void {
    this.stopping = true;
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    await this.restarting?.catch(() => undefined);
    const child = this.process;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      const timer = setTimeout(() => child.kill('SIGQUIT'), timeoutMs);
      await exited;
      clearTimeout(timer);
    }
    this.process = undefined;
    await this.syncing;
    this.logStream?.end();
    this.logStream = undefined;
  }
}
