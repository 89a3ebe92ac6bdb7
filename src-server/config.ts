// Reads and validates Trestle's configuration from the environment, once, at start-up.
import os from 'node:os';
import path from 'node:path';
import { settingsFromEnv, type DataApiSettings } from './rest/settings.js';

export type LogTarget = 'stdout' | 'file' | 'silent';

export interface TrestleConfig {
  host: string;
  port: number;
  pgPort: number;
  dataDir: string;
  /** Where storage object bytes live (TRESTLE_STORAGE_DIR, default <dataDir>/storage). */
  storageDir: string;
  /** External Postgres: when set, no embedded cluster is started. */
  databaseUrl?: string;
  /** Name of the main database in the embedded cluster. */
  databaseName: string;
  anonKey?: string;
  serviceKey?: string;
  dashboardToken?: string;
  dbSchemas: string[];
  logTarget: LogTarget;
  logLevel: string;
  /** A log line for every request (TRESTLE_LOG_REQUESTS=1); by default only errors and slow requests are logged. */
  logRequests: boolean;
  rendererDir?: string;
  /** Template cluster copied on a first start instead of running initdb (built by `npm run build`). */
  clusterTemplateDir?: string;
  allowedHosts: string[];
  /** statement_timeout of anon/authenticated requests (service_role requests get SERVICE_STATEMENT_TIMEOUT_MS). */
  userStatementTimeoutMs: number;
  /** Largest request body of most routes (JSON for /v1/db, /rest/v1…); SQL scripts and imports have their own. */
  bodyLimit: number;
  /** Data API settings (PostgREST's db-tx-end, db-aggregates-enabled, db-plan-enabled, db-max-rows). */
  dataApi: DataApiSettings;
}

/** Bodies of SQL scripts (/v1/sql, the console: at most 1,000,000 characters of SQL) and of CSV/JSON imports. */
export const SCRIPT_BODY_LIMIT = 4 * 1024 * 1024;
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

export const SERVICE_STATEMENT_TIMEOUT_MS = 10_000;

export class ConfigError extends Error {}

function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Trestle');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Trestle');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'trestle');
}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${raw}"`);
  }
  return n;
}

function parseMs(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 100 || n > 600_000) throw new ConfigError(`${name} must be milliseconds between 100 and 600000, got "${raw}"`);
  return n;
}

function parseBytes(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1024 || n > 1024 ** 3) throw new ConfigError(`${name} must be a number of bytes between 1024 and 1073741824, got "${raw}"`);
  return n;
}

const KEY_PATTERN = /^truss_(pk|sk)_[A-Za-z0-9_-]{16,}$/;

function parseKey(name: string, raw: string | undefined, prefix: 'truss_pk_' | 'truss_sk_'): string | undefined {
  if (!raw) return undefined;
  if (!KEY_PATTERN.test(raw) || !raw.startsWith(prefix)) {
    throw new ConfigError(`${name} must look like ${prefix}<at least 16 base64url characters>`);
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<TrestleConfig> = {}): TrestleConfig {
  const schemas = (env.TRESTLE_DB_SCHEMAS ?? 'public').split(',').map((s) => s.trim()).filter(Boolean);
  if (schemas.length === 0) throw new ConfigError('TRESTLE_DB_SCHEMAS must name at least one schema');
  const logTarget = (env.TRESTLE_LOG ?? 'stdout') as LogTarget;
  if (!['stdout', 'file', 'silent'].includes(logTarget)) {
    throw new ConfigError(`TRESTLE_LOG must be stdout, file or silent, got "${logTarget}"`);
  }
  const dataDir = path.resolve(overrides.dataDir ?? (env.TRESTLE_DATA_DIR || defaultDataDir()));
  const config: TrestleConfig = {
    host: env.TRESTLE_HOST || '127.0.0.1',
    port: parsePort('TRESTLE_PORT', env.TRESTLE_PORT, 8787),
    pgPort: parsePort('TRESTLE_PG_PORT', env.TRESTLE_PG_PORT, 54322),
    dataDir,
    storageDir: path.resolve(env.TRESTLE_STORAGE_DIR || path.join(dataDir, 'storage')),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseName: 'trestle',
    anonKey: parseKey('TRESTLE_ANON_KEY', env.TRESTLE_ANON_KEY, 'truss_pk_'),
    serviceKey: parseKey('TRESTLE_SERVICE_KEY', env.TRESTLE_SERVICE_KEY, 'truss_sk_'),
    dashboardToken: env.TRESTLE_DASHBOARD_TOKEN || undefined,
    dbSchemas: schemas,
    logTarget,
    logLevel: env.TRESTLE_LOG_LEVEL || 'info',
    logRequests: ['1', 'true', 'yes'].includes((env.TRESTLE_LOG_REQUESTS ?? '').toLowerCase()),
    rendererDir: env.TRESTLE_RENDERER_DIR || undefined,
    allowedHosts: (env.TRESTLE_ALLOWED_HOSTS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    userStatementTimeoutMs: parseMs('TRESTLE_STATEMENT_TIMEOUT_MS', env.TRESTLE_STATEMENT_TIMEOUT_MS, 8_000),
    bodyLimit: parseBytes('TRESTLE_BODY_LIMIT', env.TRESTLE_BODY_LIMIT, 1024 * 1024),
    dataApi: settingsFromEnv(env, (variable, value) => {
      throw new ConfigError(`${variable} has an invalid value "${value.slice(0, 100)}"`);
    }),
    ...overrides,
  };
  if (config.dashboardToken !== undefined && config.dashboardToken.length < 16) {
    throw new ConfigError('TRESTLE_DASHBOARD_TOKEN must be at least 16 characters');
  }
  return config;
}
