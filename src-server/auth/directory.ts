// Users as the management API (/v1/auth/identities) and the dashboard list them: one row per user with its
// identities, session count and last sign-in, paged and searchable by email, phone or id.
import type { Tx } from './db.js';
import { identityJson, type IdentityRow } from './users.js';
import type { AccountSummary, InboxMessage } from './wire-types.js';

export type { AccountSummary, InboxMessage };

const iso = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SELECT = `
  SELECT u.id, u.email, u.phone, u.role, u.is_anonymous, ${iso('u.created_at')} AS created_at, ${iso('u.last_sign_in_at')} AS last_sign_in_at,
         ${iso('u.email_confirmed_at')} AS email_confirmed_at, ${iso('u.phone_confirmed_at')} AS phone_confirmed_at,
         ${iso('u.banned_until')} AS banned_until, ${iso('u.deleted_at')} AS deleted_at,
         coalesce(u.raw_user_meta_data, '{}') AS user_metadata, coalesce(u.raw_app_meta_data, '{}') AS app_metadata,
         (SELECT count(*)::int FROM auth.sessions s WHERE s.user_id = u.id) AS sessions_count,
         coalesce((SELECT jsonb_agg(to_jsonb(i) ORDER BY i.created_at) FROM auth.identities i WHERE i.user_id = u.id), '[]') AS identities
    FROM auth.users u`;

type Row = Omit<AccountSummary, 'providers' | 'identities'> & { identities: IdentityRow[] };

function toSummary(r: Row): AccountSummary {
  const providers = Array.isArray(r.app_metadata.providers) ? (r.app_metadata.providers as string[]) : r.is_anonymous ? ['anonymous'] : [];
  return { ...r, providers, identities: r.identities.map(identityJson) };
}

const SEARCH = `(u.email ILIKE $1 OR u.phone ILIKE $1 OR u.id::text = $2)`;

export async function listAccounts(tx: Tx, opts: { limit: number; offset: number; search?: string }): Promise<{ users: AccountSummary[]; total: number }> {
  const search = opts.search?.trim();
  const where = search ? `WHERE ${SEARCH}` : '';
  const params = search ? [`%${search.replace(/[\\%_]/g, (c) => '\\' + c)}%`, search] : [];
  const { rows: [{ n }] } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM auth.users u ${where}`, params);
  const { rows } = await tx.query<Row>(`${SELECT} ${where} ORDER BY u.created_at DESC NULLS LAST, u.id LIMIT ${opts.limit} OFFSET ${opts.offset}`, params);
  return { users: rows.map(toSummary), total: n };
}

export async function getAccount(tx: Tx, id: string): Promise<AccountSummary | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await tx.query<Row>(`${SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ? toSummary(rows[0]) : null;
}

/** The local inbox, newest first. */
export async function listInbox(tx: Tx, opts: { limit: number; recipient?: string; after?: string }): Promise<InboxMessage[]> {
  const { rows } = await tx.query<InboxMessage>(
    `SELECT id::text, ${iso('created_at')} AS created_at, channel, recipient, kind, subject, body_text, body_html, otp, link, user_id
       FROM trestle.auth_messages
      WHERE ($1::text IS NULL OR lower(recipient) = lower($1)) AND ($2::bigint IS NULL OR id > $2::bigint)
      ORDER BY id DESC LIMIT $3`, [opts.recipient ?? null, opts.after ?? null, opts.limit]);
  return rows;
}
