// The claims a user's requests carry, for the table editor's "view as" (impersonation from the Authentication page):
// policies reading auth.jwt() ->> 'email' or app_metadata see what they would see for that user's real token.
import type { Queryable } from '../db/database.js';
import { isUuid } from './users.js';

export async function userClaimsForViewAs(db: Queryable, sub: string): Promise<Record<string, unknown> | null> {
  if (!isUuid(sub)) return null;
  const { rows: [present] } = await db.query<{ ok: boolean }>(`SELECT to_regclass('auth.users') IS NOT NULL AS ok`);
  if (!present.ok) return null;
  const { rows } = await db.query<{ aud: string | null; email: string | null; phone: string | null; app: unknown; meta: unknown; anon: boolean }>(
    `SELECT aud, email, phone, coalesce(raw_app_meta_data, '{}') AS app, coalesce(raw_user_meta_data, '{}') AS meta, is_anonymous AS anon FROM auth.users WHERE id = $1`, [sub]);
  const u = rows[0];
  if (!u) return null;
  return {
    sub, aud: u.aud || 'authenticated', email: u.email ?? '', phone: u.phone ?? '', app_metadata: u.app, user_metadata: u.meta,
    aal: 'aal1', amr: [], is_anonymous: u.anon,
  };
}
