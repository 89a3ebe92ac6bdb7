// Creates the cluster-wide API roles. Roles are shared by every database of a cluster, so concurrent
// bootstraps of different databases may race: a duplicate is not an error.
import type pg from 'pg';
import { quoteIdent } from '../db/quote.js';

const ROLES: Array<{ name: string; options: string }> = [
  { name: 'anon', options: 'NOLOGIN NOINHERIT' },
  { name: 'authenticated', options: 'NOLOGIN NOINHERIT' },
  { name: 'service_role', options: 'NOLOGIN NOINHERIT BYPASSRLS' },
  { name: 'authenticator', options: 'LOGIN NOINHERIT' },
];

const RACE_CODES = new Set(['42710', '23505', 'XX000', '40001']);

async function tolerateRace(client: pg.ClientBase, sql: string): Promise<void> {
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
  const { rows } = await client.query<{ rolname: string }>(
    'SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [ROLES.map((r) => r.name)],
  );
  const existing = new Set(rows.map((r) => r.rolname));
  for (const role of ROLES) {
    if (!existing.has(role.name)) await tolerateRace(client, `CREATE ROLE ${quoteIdent(role.name)} ${role.options}`);
  }
  const { rows: me } = await client.query<{ user: string }>('SELECT current_user AS user');
  const self = quoteIdent(me[0].user);
  // The API's own login may switch to each API role; so may authenticator (for users who connect as it).
  await tolerateRace(client, `GRANT anon, authenticated, service_role TO authenticator`);
  if (me[0].user !== 'authenticator') {
    const { rows: su } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    if (!su[0]?.rolsuper) await tolerateRace(client, `GRANT anon, authenticated, service_role TO ${self}`);
  }
}
