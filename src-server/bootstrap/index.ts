// Brings a database up to Trestle's current internal schema: roles, versioned migrations, JWT secret.
import crypto from 'node:crypto';
import pg from 'pg';
import { ensureAuthenticatorLogin } from '../db/authenticator.js';
import { ensureRoles, tolerateRace } from './roles.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { upToDateSecret } from './up-to-date.js';

export interface BootstrapResult {
  applied: number[];
  jwtSecret: string;
}

// Serialises concurrent bootstraps of the same database (two processes starting at once).
const BOOTSTRAP_LOCK = 7_461_001;

export async function bootstrapDatabase(url: string, migrations: Migration[] = MIGRATIONS): Promise<BootstrapResult> {
  const client = new pg.Client({ connectionString: url, application_name: 'trestle-bootstrap' });
  await client.connect();
  const upToDate = await upToDateSecret(client, url, migrations);
  if (upToDate) {
    await client.end();
    return { applied: [], jwtSecret: upToDate };
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK]);
    await ensureRoles(client);
    await ensureAuthenticatorLogin(client, url, (sql) => tolerateRace(client, sql));
    await client.query('CREATE SCHEMA IF NOT EXISTS trestle');
    await client.query(`CREATE TABLE IF NOT EXISTS trestle.migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM trestle.migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO trestle.migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Trestle migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.version);
    }
    await client.query(
      `INSERT INTO trestle.settings (key, value) VALUES ('jwt_secret', to_jsonb($1::text)) ON CONFLICT (key) DO NOTHING`,
      [crypto.randomBytes(32).toString('base64url')],
    );
    const { rows: secret } = await client.query<{ value: string }>(`SELECT value #>> '{}' AS value FROM trestle.settings WHERE key = 'jwt_secret'`);
    return { applied, jwtSecret: secret[0].value };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK]).catch(() => undefined);
    await client.end();
  }
}
