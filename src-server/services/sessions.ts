// Dashboard sessions: one-time launch tokens exchanged for an HttpOnly session cookie plus a CSRF token.
import crypto from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';

export interface DashboardSession {
  csrfToken: string;
  expiresAt: number;
}

const SESSION_DAYS = 30;
const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest();
/** How sessions are told apart without keeping their tokens (also by holders of long-lived sockets). */
export const sessionHash = (sessionToken: string) => sha256(sessionToken).toString('hex');
const random = () => crypto.randomBytes(32).toString('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export class SessionService {
  private launchTokens = new Set<string>();
  private cache = new Map<string, DashboardSession | null>();
  private revokeListeners = new Set<(hash: string) => void>();

  constructor(private readonly db: Database, private readonly pinnedToken?: string) {}

  /** A token for one launch URL; a pinned token (tests, CI) may be used any number of times. */
  issueLaunchToken(): string {
    if (this.pinnedToken) return this.pinnedToken;
    const token = random();
    this.launchTokens.add(token);
    return token;
  }

  private consumeLaunchToken(token: string): boolean {
    if (this.pinnedToken && safeEqual(token, this.pinnedToken)) return true;
    for (const candidate of this.launchTokens) {
      if (safeEqual(candidate, token)) {
        this.launchTokens.delete(candidate);
        return true;
      }
    }
    return false;
  }

  async exchange(launchToken: string): Promise<{ sessionToken: string; csrfToken: string; maxAgeSeconds: number } | null> {
    if (!this.consumeLaunchToken(launchToken)) return null;
    const sessionToken = random();
    const csrfToken = random();
    await this.db.query(
      `INSERT INTO trestle.dashboard_sessions (token_hash, csrf_token, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`,
      [sha256(sessionToken), csrfToken, SESSION_DAYS],
    );
    await this.db.query('DELETE FROM trestle.dashboard_sessions WHERE expires_at < now()');
    return { sessionToken, csrfToken, maxAgeSeconds: SESSION_DAYS * 86400 };
  }

  async verify(sessionToken: string): Promise<DashboardSession | null> {
    if (sessionToken.length > 100) return null;
    const key = sha256(sessionToken).toString('hex');
    let session = this.cache.get(key);
    if (session === undefined) {
      const { rows } = await this.db.query<{ csrf_token: string; expires_at: string }>(
        'SELECT csrf_token, expires_at FROM trestle.dashboard_sessions WHERE token_hash = $1', [Buffer.from(key, 'hex')],
      );
      session = rows[0] ? { csrfToken: rows[0].csrf_token, expiresAt: Date.parse(rows[0].expires_at) } : null;
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(key, session);
    }
    if (!session || session.expiresAt < Date.now()) return null;
    return session;
  }

  async revoke(sessionToken: string, client?: Queryable): Promise<void> {
    const hash = sha256(sessionToken);
    this.cache.delete(hash.toString('hex'));
    await (client ?? this.db).query('DELETE FROM trestle.dashboard_sessions WHERE token_hash = $1', [hash]);
    for (const listener of this.revokeListeners) listener(hash.toString('hex'));
  }

  /** Told the sessionHash of every session that ends (logout), so sockets it opened can close. */
  onRevoke(listener: (hash: string) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  static csrfMatches(session: DashboardSession, header: string | undefined, cookie: string | undefined): boolean {
    return !!header && !!cookie && safeEqual(header, cookie) && safeEqual(header, session.csrfToken);
  }
}
