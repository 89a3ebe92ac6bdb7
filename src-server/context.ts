// The services a running Trestle shares between its plugins, built once at start-up.
import type { Logger } from 'pino';
import type { TrestleConfig } from './config.js';
import type { ModuleState } from './modules.js';
import type { DatabaseRegistry } from './db/registry.js';
import type { NotificationListener } from './db/listener.js';
import type { AuditService } from './services/audit.js';
import type { KeyService } from './services/keys.js';
import type { SessionService } from './services/sessions.js';
import type { SettingsService } from './services/settings.js';
import type { JwtVerifier } from './security/jwt.js';

export interface PostgresInfo {
  embedded: boolean;
  host: string;
  port: number;
  user: string;
  /** Connection URL for a database of this server (with credentials): what apps and tools use, and what is shown. */
  url(database: string): string;
  /** The URL for Trestle's own connections (the embedded cluster's Unix-domain socket when it has one). */
  localUrl(database: string): string;
}

export interface TrestleContext {
  config: TrestleConfig;
  version: string;
  startedAt: Date;
  postgres: PostgresInfo;
  databases: DatabaseRegistry;
  /** LISTEN on the main database: Trestle's own channels (keys). */
  listener: NotificationListener;
  /** LISTEN on the active database (main or the activated branch): channels fired by user tables (schema changes, realtime). */
  activeListener: NotificationListener;
  keys: KeyService;
  sessions: SessionService;
  audit: AuditService;
  settings: SettingsService;
  jwtSecret: string;
  /** Verifies the JWTs callers present (HS256 secret + published asymmetric keys). */
  jwt: JwtVerifier;
  /** Secrets of the keys created on this first start, shown once in the dashboard's first-run screen. */
  initialSecrets?: { anon: string; service_role: string };
  log: Logger;
  /** Filled by buildServer from the plugins it registers. */
  modules: ModuleState[];
  /** Called by areas that own background work, in reverse order at shutdown. */
  onShutdown(fn: () => Promise<void> | void): void;
}
