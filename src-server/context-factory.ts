// Builds the shared services for a bootstrapped main database; used by startTrestle and by the tests.
import type { Logger } from 'pino';
import type { TrestleConfig } from './config.js';
import type { PostgresInfo, TrestleContext } from './context.js';
import { NotificationListener } from './db/listener.js';
import { DatabaseRegistry } from './db/registry.js';
import { ensureExposedSchemaGrants } from './db/exposed-schemas.js';
import { AuditService } from './services/audit.js';
import { FIRST_KEYS_RATE_LIMIT, KeyService } from './services/keys.js';
import { SessionService } from './services/sessions.js';
import { SettingsService } from './services/settings.js';
import { VERSION } from './version.js';
import { JwtVerifier } from './security/jwt.js';

export interface ContextHandle {
  ctx: TrestleContext;
  /** Runs the areas' shutdown hooks, then closes keys, listener and pools. */
  close(): Promise<void>;
}

/** The first start's keys (returned when they were generated here, to be shown once), or the pinned keys ensured. */
async function prepareKeys(keys: KeyService, config: TrestleConfig): Promise<TrestleContext['initialSecrets']> {
  const existing = await keys.count();
  if (existing.total === 0) {
    const anon = await keys.create({ keyType: 'anon', label: 'Default anon key', secret: config.anonKey, rateLimit: FIRST_KEYS_RATE_LIMIT });
    const service = await keys.create({ keyType: 'service_role', label: 'Default service_role key', secret: config.serviceKey, rateLimit: FIRST_KEYS_RATE_LIMIT });
    return config.anonKey && config.serviceKey ? undefined : { anon: anon.secret, service_role: service.secret };
  }
  if (config.anonKey) await keys.ensurePinned('anon', config.anonKey, 'Pinned anon key (TRESTLE_ANON_KEY)');
  if (config.serviceKey) await keys.ensurePinned('service_role', config.serviceKey, 'Pinned service_role key (TRESTLE_SERVICE_KEY)');
  return undefined;
}

export async function createContext(opts: {
  config: TrestleConfig;
  postgres: PostgresInfo;
  mainDatabase: string;
  jwtSecret: string;
  log: Logger;
}): Promise<ContextHandle> {
  const { config, postgres, mainDatabase, log } = opts;
  const shutdownHooks: Array<() => Promise<void> | void> = [];
  const databases = new DatabaseRegistry(postgres.localUrl, mainDatabase);
  const control = databases.control;
  const listener = new NotificationListener(postgres.localUrl(mainDatabase), (err) => log.warn({ err: err.message }, 'notification listener error'));
  const activeListener = new NotificationListener(postgres.localUrl(mainDatabase), (err) => log.warn({ err: err.message }, 'notification listener error'));
  databases.onActiveChange((name) => {
    activeListener.retarget(postgres.localUrl(name)).catch((err: Error) => log.error({ err: err.message }, 'could not listen on the newly active database'));
  });
  const keys = new KeyService(control);
  try {
    // The two listeners connect (a connection each) while keys and grants are checked on the control pool.
    const keysAndGrants = async () => {
      const secrets = await prepareKeys(keys, config);
      await ensureExposedSchemaGrants(control, config.dbSchemas);
      return secrets;
    };
    const [prepared, ...listening] = await Promise.allSettled([keysAndGrants(), listener.start(), activeListener.start()]);
    if (prepared.status === 'rejected') throw prepared.reason;
    for (const started of listening) if (started.status === 'rejected') throw started.reason;
    const initialSecrets = prepared.value;
    await listener.listen('trestle_keys', () => keys.invalidate());
    listener.onConnect(() => keys.invalidate());
    keys.startUsageFlush();

    const ctx: TrestleContext = {
      config, version: VERSION, startedAt: new Date(), postgres, databases, listener, activeListener, keys,
      sessions: new SessionService(control, config.dashboardToken),
      audit: new AuditService(control), settings: new SettingsService(control), jwtSecret: opts.jwtSecret, jwt: new JwtVerifier(opts.jwtSecret), initialSecrets, log,
      modules: [],
      onShutdown: (fn) => shutdownHooks.push(fn),
    };
    const close = async () => {
      for (const hook of shutdownHooks.reverse()) await Promise.resolve(hook()).catch((err: Error) => log.error({ err }, 'shutdown hook failed'));
      await keys.stop();
      await listener.close();
      await activeListener.close();
      await databases.closeAll();
    };
    return { ctx, close };
  } catch (err) {
    await listener.close();
    await activeListener.close();
    await databases.closeAll();
    throw err;
  }
}
