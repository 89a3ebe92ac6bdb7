// A real Trestle API for one test file: its own freshly bootstrapped database on the shared test cluster.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { bootstrapDatabase } from '../../src-server/bootstrap/index.js';
import { loadConfig, type TrestleConfig } from '../../src-server/config.js';
import type { TrestleContext } from '../../src-server/context.js';
import { createContext } from '../../src-server/context-factory.js';
import { quoteIdent } from '../../src-server/db/quote.js';
import { generateSecret } from '../../src-server/services/keys.js';
import { buildServer } from '../../src-server/server.js';
import type { ModulePlugins } from '../../src-server/modules.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: TrestleContext;
  database: string;
  databaseUrl: string;
  anonKey: string;
  serviceKey: string;
  /** A superuser client on the test database, for arranging and checking state. */
  sql: pg.Client;
  /** inject with the service_role key. */
  service(opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** inject with the anon key. */
  anon(opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Listen on a free port (for real HTTP clients such as postgrest-js); returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function adminUrl(): string {
  return inject('pgAdminUrl');
}

export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = '/' + database;
  return u.toString();
}

export async function createDatabase(prefix = 't'): Promise<string> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  return name;
}

/** `opts.database` reuses an existing test database (e.g. to check what survives a restart); `opts.plugins` replaces the module plugins. */
export async function createTestApp(overrides: Partial<TrestleConfig> = {}, opts: { database?: string; plugins?: ModulePlugins } = {}): Promise<TestApp> {
  const database = opts.database ?? await createDatabase();
  const databaseUrl = urlFor(database);
  const anonKey = generateSecret('anon');
  const serviceKey = generateSecret('service_role');
  // Object bytes go to a directory of this app's own (the data directory does not exist in tests).
  const storageDir = overrides.storageDir ?? await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-test-storage-'));
  const config = loadConfig({}, {
    databaseUrl, dataDir: '/nonexistent-test-data-dir', storageDir, anonKey, serviceKey, logTarget: 'silent',
    dashboardToken: 'test-dashboard-token-0123456789', ...overrides,
  });
  const { jwtSecret } = await bootstrapDatabase(databaseUrl);
  const u = new URL(databaseUrl);
  const handle = await createContext({
    config, mainDatabase: database, jwtSecret, log: pino({ level: 'silent' }),
    postgres: {
      embedded: false, host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username),
      url: (db) => urlFor(db), localUrl: (db) => urlFor(db),
    },
  });
  const app = await buildServer(handle.ctx, opts.plugins);
  await app.ready();
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const withKey = (key: string) => (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { apikey: key, ...(opts.headers ?? {}) } });
  return {
    app, ctx: handle.ctx, database, databaseUrl, anonKey, serviceKey, sql,
    service: withKey(serviceKey),
    anon: withKey(anonKey),
    listen: async () => {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      return address.replace('[::1]', '127.0.0.1');
    },
    close: async () => {
      await app.close();
      await handle.close();
      await sql.end();
      if (!overrides.storageDir) await fs.rm(storageDir, { recursive: true, force: true });
    },
  };
}
