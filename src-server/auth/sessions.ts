// Sessions and their refresh tokens (GoTrue's tokens/service.go rules): every refresh revokes the token it used and
// issues a child; a revoked token that is the parent of the session's active one gets the active one back (a client
// that lost the response); other revoked tokens work only within the reuse interval, after which the whole family
// (every token of the session) is revoked.
//
// Refresh tokens are stored as SHA-256 digests (token, parent). A token's text is an HMAC, under a key derived from
// the project secret, of what its row already records: its parent's digest, or its session for a first token. So the
// active token can be handed back again without ever being stored in clear, and a refresh knows its new token before
// it reaches the database: the common refresh is one round trip.
import crypto from 'node:crypto';
import type { Database } from '../db/database.js';
import { runPipeline, type Step } from '../rest/pipeline.js';
import { AS_AUTH_ADMIN, type Tx } from './db.js';
import { authError } from './errors.js';
import { isBanned, toUser, USER_COLUMNS, type LoadedUser, type User } from './users.js';

export type AmrEntry = { method: string; timestamp: number };

export interface SessionGrant {
  sessionId: string;
  refreshToken: string;
  aal: string;
  amr: AmrEntry[];
}

export type RefreshGrant = SessionGrant & { user: User };

export class RefreshTokenCodec {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = crypto.createHash('sha256').update(`trestle-refresh-token:${secret}`).digest();
  }

  private mac(input: string): string {
    return crypto.createHmac('sha256', this.key).update(input).digest('base64url').slice(0, 32);
  }

  /** A session's first token (`rowId` when a session gets a new first token, after MFA). */
  root(sessionId: string, rowId?: string): string {
    return this.mac(rowId ? `root:${sessionId}:${rowId}` : `root:${sessionId}`);
  }

  /** The child of a token (`rowId` for a second child, issued within the reuse interval). */
  child(parentDigest: string, rowId?: string): string {
    return this.mac(rowId ? `child:${parentDigest}:${rowId}` : `child:${parentDigest}`);
  }

  /** The clear text of a stored token, re-derived from its row (whichever derivation matches its digest). */
  recover(row: { id: string; token: string; parent: string | null; session_id: string }): string | null {
    const candidates = row.parent ? [this.child(row.parent), this.child(row.parent, row.id)] : [this.root(row.session_id), this.root(row.session_id, row.id)];
    return candidates.find((t) => RefreshTokenCodec.digest(t) === row.token) ?? null;
  }

  static digest(token: string): string {
    return crypto.createHash('sha256').update(token).digest('hex');
  }
}

const ZERO_INSTANCE = '00000000-0000-0000-0000-000000000000';

const AMR_OF = `coalesce((SELECT jsonb_agg(jsonb_build_object('method', c.authentication_method, 'timestamp', extract(epoch FROM c.updated_at)::bigint) ORDER BY c.updated_at DESC)
  FROM auth.mfa_amr_claims c WHERE c.session_id = s.id), '[]')`;

/**
 * The common refresh in one statement: lock the presented token and its session, and when the token is live (not
 * revoked, session in time, user not banned) revoke it and insert its child ($2, known beforehand). Returns what the
 * caller needs either way; `rotated` says whether the rotation happened.
 */
const REFRESH = `
  WITH rt AS (
    SELECT rt.id, rt.revoked, rt.updated_at, s.id AS session_id, s.not_after, s.aal, u.id AS user_id, u.banned_until
      FROM auth.refresh_tokens rt JOIN auth.sessions s ON s.id = rt.session_id JOIN auth.users u ON u.id = s.user_id
     WHERE rt.token = $1
       FOR UPDATE OF rt, s),
  live AS (
    SELECT * FROM rt WHERE NOT revoked AND (not_after IS NULL OR not_after > now()) AND (banned_until IS NULL OR banned_until <= now())),
  revoke AS (UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE id = (SELECT id FROM live)),
  touch AS (UPDATE auth.sessions SET refreshed_at = timezone('utc', now()), updated_at = now() WHERE id = (SELECT session_id FROM live)),
  child AS (
    INSERT INTO auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
    SELECT '${ZERO_INSTANCE}', $2, user_id::text, false, now(), now(), $1, session_id FROM live RETURNING id)
  SELECT rt.id::text, rt.revoked, (extract(epoch FROM rt.updated_at) * 1000)::float8 AS updated_ms, rt.session_id,
         (extract(epoch FROM rt.not_after) * 1000)::float8 AS not_after_ms, rt.aal::text AS aal,
         EXISTS (SELECT 1 FROM child) AS rotated, ${AMR_OF} AS amr, ${USER_COLUMNS}
    FROM rt JOIN auth.sessions s ON s.id = rt.session_id JOIN auth.users u ON u.id = rt.user_id`;

/** The pipeline hands rows back as text: REFRESH's columns, in order. */
function parseRefreshRow(r: Array<string | null>) {
  const [id, revoked, updatedMs, sessionId, notAfterMs, aal, rotated, amr, u, identities, factors] = r;
  return {
    id: id!, revoked: revoked === 't', updated_ms: Number(updatedMs), session_id: sessionId!, not_after_ms: notAfterMs === null ? null : Number(notAfterMs),
    aal: aal ?? 'aal1', rotated: rotated === 't', amr: JSON.parse(amr!) as AmrEntry[],
    user: toUser({ u: JSON.parse(u!), identities: JSON.parse(identities!), factors: JSON.parse(factors!) } as LoadedUser),
  };
}

export class SessionStore {
  constructor(private readonly codec: RefreshTokenCodec) {}

  async create(tx: Tx, userId: string, method: string, client: { userAgent?: string; ip?: string }): Promise<SessionGrant> {
    const sessionId = crypto.randomUUID();
    const refreshToken = this.codec.root(sessionId);
    const { rows: [row] } = await tx.query<{ amr: AmrEntry[] }>(
      `WITH s AS (
         INSERT INTO auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
         VALUES ($1, $2, now(), now(), 'aal1', $3, $4::inet) RETURNING id),
       a AS (
         INSERT INTO auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
         SELECT id, now(), now(), $5, gen_random_uuid() FROM s RETURNING authentication_method, updated_at),
       r AS (
         INSERT INTO auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
         SELECT $6, $7, $2::text, false, now(), now(), NULL, id FROM s)
       SELECT jsonb_build_array(jsonb_build_object('method', a.authentication_method, 'timestamp', extract(epoch FROM a.updated_at)::bigint)) AS amr FROM a`,
      [sessionId, userId, client.userAgent ?? null, parseIp(client.ip), method, ZERO_INSTANCE, RefreshTokenCodec.digest(refreshToken)],
    );
    return { sessionId, refreshToken, aal: 'aal1', amr: row.amr };
  }

  /** Adds an authentication method to a session's amr (e.g. a verified TOTP raises it to aal2). */
  async addAmr(tx: Tx, sessionId: string, method: string, aal?: string): Promise<void> {
    await tx.query(
      `INSERT INTO auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id) VALUES ($1, now(), now(), $2, gen_random_uuid())
       ON CONFLICT (session_id, authentication_method) DO UPDATE SET updated_at = now()`, [sessionId, method]);
    if (aal) await tx.query(`UPDATE auth.sessions SET aal = $2::auth.aal_level, updated_at = now() WHERE id = $1`, [sessionId, aal]);
  }

  /**
   * The refresh_token grant, in its own transaction. A live token: BEGIN, the role switch, the rotation and COMMIT in
   * one round trip. `finish` makes the response; it runs before COMMIT with the transaction when `finishInTx` (the
   * access-token hook reads the database), else after it. Revoked tokens take the slower path of GoTrue's reuse rules.
   */
  async refresh<T>(db: Database, token: string, opts: { rotation: boolean; reuseIntervalS: number; now?: number },
    finish: (tx: Tx | null, grant: RefreshGrant) => Promise<T>, finishInTx: boolean): Promise<T> {
    const now = opts.now ?? Date.now();
    const digest = RefreshTokenCodec.digest(token);
    const child = this.codec.child(digest);
    return db.withClient(async (tx) => {
      try {
        const steps: Step[] = [
          { text: 'BEGIN', prepare: true }, { text: AS_AUTH_ADMIN, prepare: true },
          { text: REFRESH, values: [digest, RefreshTokenCodec.digest(child)], rows: true, prepare: true },
        ];
        const results = await runPipeline(tx, finishInTx ? steps : [...steps, { text: 'COMMIT', prepare: true }]);
        const rt = results[2]?.[0] ? parseRefreshRow(results[2][0]) : null;
        if (!rt) throw authError('refresh_token_not_found');
        const grant = { user: rt.user, sessionId: rt.session_id, aal: rt.aal, amr: rt.amr };
        if (rt.rotated) return await this.finishing(tx, finishInTx, finish, { ...grant, refreshToken: child });

        if (!finishInTx) await tx.query(`BEGIN; ${AS_AUTH_ADMIN}`);
        if (isBanned(rt.user, now)) throw authError('user_banned', 'Invalid Refresh Token: User Banned');
        if (rt.not_after_ms !== null && now > rt.not_after_ms) throw authError('session_expired');
        const { rows: [active] } = await tx.query<{ id: string; token: string; parent: string | null; session_id: string }>(
          `SELECT id::text, token, parent, session_id FROM auth.refresh_tokens WHERE session_id = $1 AND revoked = false ORDER BY id DESC LIMIT 1 FOR UPDATE`, [rt.session_id]);
        const activeToken = active && active.parent === digest ? this.codec.recover(active) : null;
        if (activeToken) {
          await tx.query(`UPDATE auth.sessions SET refreshed_at = timezone('utc', now()), updated_at = now() WHERE id = $1`, [rt.session_id]);
          return await this.finishing(tx, true, finish, { ...grant, refreshToken: activeToken }, finishInTx);
        }
        if (opts.rotation && now > rt.updated_ms + opts.reuseIntervalS * 1000) {
          await tx.query(`UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE session_id = $1 AND revoked = false`, [rt.session_id]);
          await tx.query('COMMIT');
          throw authError('refresh_token_already_used');
        }
        // Within the reuse interval: another child of the revoked token.
        const { rows: [{ id }] } = await tx.query<{ id: string }>(`SELECT nextval('auth.refresh_tokens_id_seq')::text AS id`);
        const sibling = this.codec.child(digest, id);
        await tx.query(
          `INSERT INTO auth.refresh_tokens (instance_id, id, token, user_id, revoked, created_at, updated_at, parent, session_id)
           VALUES ($1, $2, $3, $4, false, now(), now(), $5, $6)`, [ZERO_INSTANCE, id, RefreshTokenCodec.digest(sibling), rt.user.id, digest, rt.session_id]);
        return await this.finishing(tx, true, finish, { ...grant, refreshToken: sibling }, finishInTx);
      } catch (err) {
        // Outside a transaction block ROLLBACK only warns.
        await tx.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /** Ends a refresh: COMMIT (when `open`) around `finish`, which sees the transaction only when `inTx`. */
  private async finishing<T>(tx: Tx, open: boolean, finish: (tx: Tx | null, grant: RefreshGrant) => Promise<T>, grant: RefreshGrant, inTx = open): Promise<T> {
    if (!open) return finish(null, grant);
    const result = inTx ? await finish(tx, grant) : undefined;
    await tx.query('COMMIT');
    return inTx ? result! : finish(null, grant);
  }

  /** A new first refresh token for a session (after MFA raised its level); the session's others are revoked. */
  async reissue(tx: Tx, sessionId: string, userId: string): Promise<SessionGrant> {
    const { rows: [row] } = await tx.query<{ next_id: string; aal: string | null; amr: AmrEntry[] }>(
      `WITH revoked AS (UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE session_id = $1 AND revoked = false)
       SELECT nextval('auth.refresh_tokens_id_seq')::text AS next_id, s.aal::text AS aal, ${AMR_OF} AS amr FROM auth.sessions s WHERE s.id = $1`, [sessionId]);
    const refreshToken = this.codec.root(sessionId, row.next_id);
    await tx.query(
      `INSERT INTO auth.refresh_tokens (instance_id, id, token, user_id, revoked, created_at, updated_at, parent, session_id)
       VALUES ($1, $2, $3, $4, false, now(), now(), NULL, $5)`,
      [ZERO_INSTANCE, row.next_id, RefreshTokenCodec.digest(refreshToken), userId, sessionId]);
    return { sessionId, refreshToken, aal: row.aal ?? 'aal1', amr: row.amr };
  }

  /** The session of a JWT's session_id claim, if it still exists and has not timed out. */
  async find(tx: Tx, sessionId: string): Promise<{ id: string; user_id: string; aal: string; amr: AmrEntry[] } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
    const { rows } = await tx.query<{ id: string; user_id: string; aal: string | null; amr: AmrEntry[] }>(
      `SELECT s.id, s.user_id, s.aal::text AS aal, ${AMR_OF} AS amr FROM auth.sessions s WHERE s.id = $1 AND (s.not_after IS NULL OR s.not_after > now())`, [sessionId]);
    return rows[0] ? { ...rows[0], aal: rows[0].aal ?? 'aal1' } : null;
  }

  /** POST /logout scopes: global (every session of the user), local (this one), others (all but this one). */
  async logout(tx: Tx, userId: string, sessionId: string | null, scope: 'global' | 'local' | 'others'): Promise<void> {
    if (scope === 'local') {
      if (sessionId) await tx.query(`DELETE FROM auth.sessions WHERE id = $1`, [sessionId]);
    } else if (scope === 'others') {
      await tx.query(`DELETE FROM auth.sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2::uuid`, [userId, sessionId]);
    } else {
      await tx.query(`DELETE FROM auth.sessions WHERE user_id = $1`, [userId]);
    }
  }
}

function parseIp(ip: string | undefined): string | null {
  if (!ip) return null;
  return /^[0-9a-fA-F:.]+$/.test(ip) ? ip : null;
}
