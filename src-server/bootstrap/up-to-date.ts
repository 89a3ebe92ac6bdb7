// A warm start's bootstrap in one round trip: when the roles, the authenticator's login, every migration and the JWT
// secret are already in place, bootstrapDatabase would change nothing and only needs the secret. The checks are those
// of the full path's own fast exits (ensureRoles, ensureAuthenticatorLogin), read at once.
import type pg from 'pg';
import { AUTHENTICATOR, authenticatorPassword, scramMatches } from '../db/authenticator.js';
import type { Migration } from './migrations/index.js';
import { API_ROLES, ROLE_NAMES } from './roles.js';

interface DatabaseState {
  roles: number;
  granted: boolean | null;
  superuser: boolean | null;
  password: string | null;
  versions: number[] | null;
  secret: string | null;
}

// Fails (and so sends the caller down the full path) while authenticator or Trestle's schema do not exist yet, and
// for an owner that may not read pg_authid.
const STATE_SQL = `SELECT
  (SELECT count(*)::int FROM pg_roles WHERE rolname = ANY($1)) AS roles,
  (SELECT bool_and(pg_has_role($2, oid, 'MEMBER')) FROM pg_roles WHERE rolname = ANY($3)) AS granted,
  (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
  (SELECT rolpassword FROM pg_authid WHERE rolname = $2) AS password,
  (SELECT array_agg(version) FROM trestle.migrations) AS versions,
  (SELECT value #>> '{}' FROM trestle.settings WHERE key = 'jwt_secret') AS secret`;

/** The JWT secret when the database is fully bootstrapped for `migrations`; undefined when anything is left to do. */
export async function upToDateSecret(client: pg.ClientBase, ownerUrl: string, migrations: Migration[]): Promise<string | undefined> {
  const state = await client.query<DatabaseState>(STATE_SQL, [ROLE_NAMES, AUTHENTICATOR, API_ROLES]).then((r) => r.rows[0], () => undefined);
  if (!state?.secret || state.roles !== ROLE_NAMES.length || !state.granted || !state.superuser) return undefined;
  const password = authenticatorPassword(ownerUrl);
  if (password && !(state.password && scramMatches(state.password, password))) return undefined;
  const applied = new Set(state.versions);
  return migrations.every((m) => applied.has(m.version)) ? state.secret : undefined;
}
