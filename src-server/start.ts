// startTrestle: the whole stack (Postgres, bootstrap, services, HTTP server) up, and a stop() that takes it down.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { TrestleConfig } from './config.js';
import type { PostgresInfo, TrestleContext } from './context.js';
import { bootstrapDatabase } from './bootstrap/index.js';
import { createContext, type ContextHandle } from './context-factory.js';
import { ensurePrivateDataDir } from './data-dir.js';
import { ensureDatabase } from './db/ensure-database.js';
import { acquireInstanceLock } from './instance-lock.js';
import { createLogger } from './logger.js';
import { EmbeddedCluster } from './postgres/cluster.js';
import { PORT_GRACE_AFTER_CRASH_MS, PortInUseError, assertPortFree } from './postgres/ports.js';
import type { ModulePlugins } from './modules.js';

export interface RunningTrestle {
  app: FastifyInstance;
  ctx: TrestleContext;
  url: string;
  /** Dashboard URL carrying a launch token (one-time unless pinned). */
  dashboardUrl(): string;
  /** Secrets created on this first start (printed once). */
  initialSecrets?: { anon: string; service_role: string };
  cluster?: EmbeddedCluster;
  timings: Record<string, number>;
  stop(): Promise<void>;
}

/** Where the built dashboard is, relative to a built entry file (out/main/<entry>.js → out/renderer). */
export function rendererDirBeside(entryUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(entryUrl)), '..', 'renderer');
}

/** Where the build's cluster template is, relative to a built entry file (out/main/<entry>.js → out/cluster-template). */
export function clusterTemplateBeside(entryUrl: string): string {
  return path.resolve(path.dirname(fileURLToPath(entryUrl)), '..', 'cluster-template');
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

/** `opts.plugins` replaces the module plugins (benchmarks and crash tests tune the webhook worker this way). */
export async function startTrestle(config: TrestleConfig, opts: { plugins?: ModulePlugins } = {}): Promise<RunningTrestle> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const mark = (name: string) => (timings[name] = Math.round(performance.now() - t0));
  // The HTTP server's modules (Fastify, every route area) load while Postgres starts up: only once the postmaster is
  // spawned, because loading them keeps this thread busy and the steps before the spawn need it.
  let loadServer!: () => void;
  const serverModule = new Promise<void>((resolve) => (loadServer = resolve)).then(() => import('./server.js'));
  serverModule.catch(() => undefined);
  await ensurePrivateDataDir(config.dataDir);
  const log = createLogger(config);
  const lock = await acquireInstanceLock(config.dataDir);
  let cluster: EmbeddedCluster | undefined;
  let handle: ContextHandle | undefined;
  try {
    await assertPortFree(config.port, 'TRESTLE_PORT', 'API', config.host, lock.tookOver ? PORT_GRACE_AFTER_CRASH_MS : 0);
    let postgres: PostgresInfo;
    let mainDatabase: string;
    if (config.databaseUrl) {
      loadServer();
      const u = new URL(config.databaseUrl);
      mainDatabase = decodeURIComponent(u.pathname.slice(1)) || 'postgres';
      const base = config.databaseUrl;
      const url = (db: string) => withDatabase(base, db);
      postgres = { embedded: false, host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), url, localUrl: url };
    } else {
      const c = new EmbeddedCluster({
        dataDir: config.dataDir, port: config.pgPort, templateDir: config.clusterTemplateDir, onSpawned: loadServer,
        onUnexpectedExit: (code, signal) => {
          log.error({ code, signal }, 'Postgres exited unexpectedly; restarting it');
          c.restart().then((restarted) => restarted && log.info('Postgres restarted'), (err: Error) => log.error({ err }, 'Postgres could not be restarted'));
        },
      });
      cluster = c;
      const report = await c.start();
      log.info(report, 'Postgres started');
      mainDatabase = config.databaseName;
      postgres = { embedded: true, host: '127.0.0.1', port: config.pgPort, user: c.credentials!.user, url: (db) => c.url(db), localUrl: (db) => c.localUrl(db) };
    }
    mark('postgres');
    const adminUrl = cluster ? cluster.localUrl('postgres') : undefined;
    const { jwtSecret, applied } = await bootstrapDatabase(postgres.localUrl(mainDatabase)).catch(async (err: { code?: string }) => {
      // First start of the embedded cluster: the main database does not exist yet.
      if (err.code !== '3D000' || !adminUrl) throw err;
      await ensureDatabase(adminUrl, mainDatabase);
      return bootstrapDatabase(postgres.localUrl(mainDatabase));
    });
    if (applied.length) log.info({ applied }, 'Trestle migrations applied');
    mark('bootstrap');

    handle = await createContext({ config, postgres, mainDatabase, jwtSecret, log });
    const { ctx } = handle;
    mark('context');
    const { buildServer } = await serverModule;
    const app = await buildServer(ctx, opts.plugins);
    mark('built');
    await app.ready();
    mark('ready');
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(config.port, 'TRESTLE_PORT', 'API');
      throw err;
    }
    mark('listening');
    log.info({ timings_ms: timings }, 'Trestle is ready');
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= (async () => {
      cluster?.expectExit(); // before anything else: Postgres going away from here on is part of the stop
      await lock.markStopping().catch(() => undefined);
      await app.close();
      await handle!.close();
      await cluster?.stop();
      await lock.release();
      log.flush?.();
    })());

    return {
      app, ctx, url, cluster, timings, initialSecrets: ctx.initialSecrets, stop,
      dashboardUrl: () => `${url}/auth/launch?token=${encodeURIComponent(ctx.sessions.issueLaunchToken())}`,
    };
  } catch (err) {
    cluster?.expectExit();
    await handle?.close();
    await cluster?.stop().catch(() => undefined);
    await lock.release();
    throw err;
  }
}
