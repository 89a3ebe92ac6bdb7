// Sessions and their refresh tokens (GoTrue's tokens/service.go rules): every refresh revokes the token it used and
// issues a child; a revoked token that is the parent of the session's active one gets the active one back (a client
// that lost the response); other revoked tokens work only within the reuse interval, after which the whole family
// (every token of the session) is revoked.
//
// Refresh tokens are stored as SHA-256 digests. A token's text is an HMAC of its row id under a key derived from the
// project secret, so the active token can be handed back again without ever being stored in clear.
import crypto from 'node:crypto';
import { authError } from './errors.js';
import type { Database } from '../db/database.js';
import { runPipeline, type Step } from '../rest/pipeline.js';
import { AS_AUTH_ADMIN, type Tx } from './db.js';
import { isBanned, toUser, USER_COLUMNS, type LoadedUser, type User } from './users.js';

export type AmrEntry = { method: string; timestamp: number };

export interface SessionGrant {
  sessionId: string;
  refreshToken: string;
  aal: string;
  amr: AmrEntry[];
}

export class RefreshTokenCodec {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = crypto.createHash('sha256').update(`trestle-refresh-token:${secret}`).digest();
  }

  tokenFor(rowId: string | number): string {
    return crypto.createHmac('sha256', this.key).update(`rt:${rowId}`).digest('base64url').slice(0, 32);
  }

  static digest(token: string): string {
    return crypto.createHash('sha256').update(token).digest('hex');
  }
}

const ZERO_INSTANCE = '00000000-0000-0000-0000-000000000000';

const AMR_OF = `coalesce((SELECT jsonb_agg(jsonb_build_object('method', c.authentication_method, 'timestamp', extract(epoch FROM c.updated_at)::bigint) ORDER BY c.updated_at DESC)
  FROM auth.mfa_amr_claims c WHERE c.session_id = s.id), '[]')`;

export type RefreshGrant = SessionGrant & { user: User };

const REFRESH_READ = `
  SELECT rt.id::text, rt.revoked, (extract(epoch FROM rt.updated_at) * 1000)::float8 AS updated_ms, s.id AS session_id,
         (extract(epoch FROM s.not_after) * 1000)::float8 AS not_after_ms, s.aal::text AS aal,
         nextval('auth.refresh_tokens_id_seq')::text AS next_id, ${AMR_OF} AS amr, ${USER_COLUMNS}
    FROM auth.refresh_tokens rt JOIN auth.sessions s ON s.id = rt.session_id JOIN auth.users u ON u.id = s.user_id
   WHERE rt.token = $1
     FOR UPDATE OF rt, s`;

/** The pipeline hands rows back as text: REFRESH_READ's columns, in order. */
function parseRefreshRow(r: Array<string | null>) {
  const [id, revoked, updatedMs, sessionId, notAfterMs, aal, nextId, amr, u, identities, factors] = r;
  return {
    id: id!, revoked: revoked === 't', updated_ms: Number(updatedMs), session_id: sessionId!, not_after_ms: notAfterMs === null ? null : Number(notAfterMs),
    aal, next_id: nextId!, amr: JSON.parse(amr!) as AmrEntry[], user: toUser({ u: JSON.parse(u!), identities: JSON.parse(identities!), factors: JSON.parse(factors!) } as LoadedUser),
  };
}

const ROTATE = `
  WITH old AS (UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE id = $1 AND revoked = false),
       s AS (UPDATE auth.sessions SET refreshed_at = timezone('utc', now()), updated_at = now() WHERE id = $2)
  INSERT INTO auth.refresh_tokens (instance_id, id, token, user_id, revoked, created_at, updated_at, parent, session_id)
  VALUES ($3, $4, $5, $6, false, now(), now(), $7, $2)`;

const TOUCH_SESSION = `UPDATE auth.sessions SET refreshed_at = timezone('utc', now()), updated_at = now() WHERE id = $1`;

export class SessionStore {
  constructor(private readonly codec: RefreshTokenCodec) {}

  async create(tx: Tx, userId: string, method: string, client: { userAgent?: string; ip?: string }): Promise<SessionGrant> {
    const sessionId = crypto.randomUUID();
    const { rows: [{ id }] } = await tx.query<{ id: string }>(`SELECT nextval('auth.refresh_tokens_id_seq')::text AS id`);
    const refreshToken = this.codec.tokenFor(id);
    const { rows: [row] } = await tx.query<{ amr: AmrEntry[] }>(
      `WITH s AS (
         INSERT INTO auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
         VALUES ($1, $2, now(), now(), 'aal1', $3, $4::inet) RETURNING id),
       a AS (
         INSERT INTO auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
         SELECT id, now(), now(), $5, gen_random_uuid() FROM s RETURNING authentication_method, updated_at),
       r AS (
         INSERT INTO auth.refresh_tokens (instance_id, id, token, user_id, revoked, created_at, updated_at, parent, session_id)
         SELECT $6, $7, $8, $2::text, false, now(), now(), NULL, id FROM s)
       SELECT jsonb_build_array(jsonb_build_object('method', a.authentication_method, 'timestamp', extract(epoch FROM a.updated_at)::bigint)) AS amr FROM a`,
      [sessionId, userId, client.userAgent ?? null, parseIp(client.ip), method, ZERO_INSTANCE, id, RefreshTokenCodec.digest(refreshToken)],
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
   * The refresh_token grant, in its own transaction: BEGIN, the role switch and the locking read go out in one round
   * trip, the rotation and COMMIT in a second (refreshes are round-trip bound). `finish` makes the response; it runs
   * before COMMIT with the transaction when `finishInTx` (the access-token hook reads the database), else after it.
   */
  async refresh<T>(db: Database, token: string, opts: { rotation: boolean; reuseIntervalS: number; now?: number },
    finish: (tx: Tx | null, grant: RefreshGrant) => Promise<T>, finishInTx: boolean): Promise<T> {
    const now = opts.now ?? Date.now();
    const digest = RefreshTokenCodec.digest(token);
    return db.withClient(async (tx) => {
      const complete = async (grant: RefreshGrant, write?: Step): Promise<T> => {
        if (finishInTx) {
          if (write) await tx.query(write.text, write.values);
          const result = await finish(tx, grant);
          await tx.query('COMMIT');
          return result;
        }
        await runPipeline(tx, [...(write ? [write] : []), { text: 'COMMIT', prepare: true }]);
        return finish(null, grant);
      };
      try {
        const [, , found] = await runPipeline(tx, [
          { text: 'BEGIN', prepare: true }, { text: AS_AUTH_ADMIN, prepare: true }, { text: REFRESH_READ, values: [digest], rows: true, prepare: true },
        ]);
        const rt = found?.[0] ? parseRefreshRow(found[0]) : null;
        if (!rt) throw authError('refresh_token_not_found');
        if (isBanned(rt.user, now)) throw authError('user_banned', 'Invalid Refresh Token: User Banned');
        if (rt.not_after_ms !== null && now > rt.not_after_ms) throw authError('session_expired');
        const grant = { user: rt.user, sessionId: rt.session_id, aal: rt.aal ?? 'aal1', amr: rt.amr };

        if (rt.revoked) {
          const { rows: [active] } = await tx.query<{ id: string; parent: string | null }>(
            `SELECT id::text, parent FROM auth.refresh_tokens WHERE session_id = $1 AND revoked = false ORDER BY id DESC LIMIT 1`, [rt.session_id]);
          if (active && active.parent === digest) {
            return await complete({ ...grant, refreshToken: this.codec.tokenFor(active.id) }, { text: TOUCH_SESSION, values: [rt.session_id], prepare: true });
          }
          if (opts.rotation && now > rt.updated_ms + opts.reuseIntervalS * 1000) {
            await tx.query(`UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE session_id = $1 AND revoked = false`, [rt.session_id]);
            await tx.query('COMMIT');
            throw authError('refresh_token_already_used');
          }
        }

        const refreshToken = this.codec.tokenFor(rt.next_id);
        const rotate = { text: ROTATE, values: [rt.id, rt.session_id, ZERO_INSTANCE, rt.next_id, RefreshTokenCodec.digest(refreshToken), rt.user.id, digest], prepare: true };
        return await complete({ ...grant, refreshToken }, rotate);
      } catch (err) {
        // Outside a transaction block ROLLBACK only warns.
        await tx.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /** A new refresh token for an existing session (after MFA raised its level); the session's others are revoked. */
  async reissue(tx: Tx, sessionId: string, userId: string): Promise<SessionGrant> {
    const { rows: [row] } = await tx.query<{ next_id: string; aal: string | null; amr: AmrEntry[] }>(
      `WITH revoked AS (UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE session_id = $1 AND revoked = false)
       SELECT nextval('auth.refresh_tokens_id_seq')::text AS next_id, s.aal::text AS aal, ${AMR_OF} AS amr FROM auth.sessions s WHERE s.id = $1`, [sessionId]);
    const refreshToken = this.codec.tokenFor(row.next_id);
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

  async countFor(tx: Tx, userId: string): Promise<number> {
    const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM auth.sessions WHERE user_id = $1`, [userId]);
    return rows[0].n;
  }
}

function parseIp(ip: string | undefined): string | null {
  if (!ip) return null;
  return /^[0-9a-fA-F:.]+$/.test(ip) ? ip : null;
}
