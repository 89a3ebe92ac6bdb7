// Auth work runs as GoTrue's database role: one transaction, SET LOCAL ROLE supabase_auth_admin and search_path
// auth, so triggers on auth.users and the access-token hook see exactly the privileges they have on Supabase.
import type pg from 'pg';
import type { Database } from '../db/database.js';

export type Tx = pg.PoolClient;

export const AS_AUTH_ADMIN = `SELECT set_config('role', 'supabase_auth_admin', true), set_config('search_path', 'auth', true)`;

/** BEGIN and the role switch go out as one round trip (refreshes are round-trip bound). */
export function authTx<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn, `BEGIN; ${AS_AUTH_ADMIN}`);
}
