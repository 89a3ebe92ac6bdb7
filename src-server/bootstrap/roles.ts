// Creates the cluster-wide API roles. Roles are shared by every database of a cluster, so concurrent
// bootstraps of different databases may race: a duplicate is not an error.
import type pg from 'pg';
import { quoteIdent } from '../db/quote.js';

const ROLES: Array<{ name: string; options: string }> = [
  { name: 'anon', options: 'NOLOGIN NOINHERIT' },
  { name: 'authenticated', options: 'NOLOGIN NOINHERIT' },
  { name: 'service_role', options: 'NOLOGIN NOINHERIT BYPASSRLS' },
  { name: 'authenticator', options: 'LOGIN NOINHERIT' },
  // Supabase's service roles: app SQL grants to them and sets owners to them. Nothing logs in as them here; the API
  // switches to supabase_auth_admin inside auth transactions (SET LOCAL ROLE), as GoTrue connects as it.
  { name: 'supabase_auth_admin', options: 'NOLOGIN NOINHERIT' },
  { name: 'supabase_storage_admin', options: 'NOLOGIN NOINHERIT' },
  { name: 'supabase_realtime_admin', options: 'NOLOGIN NOINHERIT' },
  { name: 'supabase_replication_admin', options: 'NOLOGIN' },
  { name: 'supabase_read_only_user', options: 'NOLOGIN BYPASSRLS' },
  { name: 'supabase_functions_admin', options: 'NOLOGIN NOINHERIT' },
  { name: 'supabase_admin', options: 'NOLOGIN BYPASSRLS' },
  { name: 'dashboard_user', options: 'NOLOGIN' },
  { name: 'pgbouncer', options: 'NOLOGIN' },
];

export const ROLE_NAMES = ROLES.map((r) => r.name);
/** The roles requests run as: authenticator must be a member of each. */
export const API_ROLES = ['anon', 'authenticated', 'service_role'];

/** Roles the API's own login switches to (API roles for requests, supabase_auth_admin for auth). */
const SWITCHED_TO = ['anon', 'authenticated', 'service_role', 'supabase_auth_admin'];

const RACE_CODES = new Set(['42710', '23505', 'XX000', '40001']);

export async function tolerateRace(client: pg.ClientBase, sql: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(sql);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code === '42710') return;
      if (!RACE_CODES.has(code) || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 50));
    }
  }
}

export async function ensureRoles(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ rolname: string; granted: boolean; self: string; superuser: boolean }>(
    `SELECT r.rolname,
            pg_has_role('authenticator', r.oid, 'MEMBER') AS granted,
            current_user AS self,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser
       FROM pg_roles r WHERE r.rolname = ANY($1)`, [ROLE_NAMES],
  ).catch(async () => client.query<{ rolname: string; granted: boolean; self: string; superuser: boolean }>(
    // pg_has_role fails while authenticator does not exist yet (first start).
    'SELECT rolname, false AS granted, current_user AS self, false AS superuser FROM pg_roles WHERE rolname = ANY($1)', [ROLE_NAMES],
  ));
  const existing = new Set(rows.map((r) => r.rolname));
  const allPresent = ROLES.every((r) => existing.has(r.name));
  // Fast path (every warm start): roles exist and authenticator already has the API roles.
  if (allPresent && rows.filter((r) => API_ROLES.includes(r.rolname)).every((r) => r.granted) && (rows[0]?.superuser ?? false)) return;
  for (const role of ROLES) {
    if (!existing.has(role.name)) await tolerateRace(client, `CREATE ROLE ${quoteIdent(role.name)} ${role.options}`);
  }
  const { rows: me } = await client.query<{ user: string; rolsuper: boolean }>(
    'SELECT current_user AS user, rolsuper FROM pg_roles WHERE rolname = current_user',
  );
  // The API's own login may switch to each API role; so may authenticator (for users who connect as it).
  await tolerateRace(client, `GRANT anon, authenticated, service_role TO authenticator`);
  if (me[0].user !== 'authenticator' && !me[0].rolsuper) {
    await tolerateRace(client, `GRANT ${SWITCHED_TO.join(', ')} TO ${quoteIdent(me[0].user)}`);
  }
}
