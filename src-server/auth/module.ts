// The auth module's shared parts, made once per server: settings, signing keys, token issuing, sessions, the mailer
// (the local inbox) and failed-attempt counters. Users live in the active database (main or an activated branch).
import type { TrestleContext } from '../context.js';
import type { Database } from '../db/database.js';
import { authTx, type Tx } from './db.js';
import { InboxMailer, type Mailer, type OutgoingMessage } from './mailer.js';
import { FailedAttempts } from './rate-limits.js';
import { RefreshTokenCodec, SessionStore, type SessionGrant } from './sessions.js';
import { AuthSettingsStore, type AuthSettings } from './settings.js';
import { SigningKeys } from './signing-keys.js';
import { TokenIssuer, type AuthMethod, type SessionResponse } from './tokens.js';
import { touchSignIn, type User } from './users.js';

/** What a flow needs to know about the HTTP caller. */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
  /** The API's base URL as the app sees it (e.g. http://localhost:8787): links and the token issuer use it. */
  externalUrl: string;
  referer?: string;
  /** Who did it, for Trestle's audit log (an API key prefix, the dashboard). */
  actor: string;
  requestId?: string;
}

export class AuthModule {
  readonly settings: AuthSettingsStore;
  readonly keys: SigningKeys;
  readonly tokens: TokenIssuer;
  readonly sessions: SessionStore;
  readonly attempts = new FailedAttempts();

  constructor(readonly ctx: TrestleContext, readonly mailer: Mailer = new InboxMailer()) {
    this.settings = new AuthSettingsStore(ctx.settings);
    this.keys = new SigningKeys(ctx.settings, ctx.jwtSecret);
    this.tokens = new TokenIssuer(this.keys);
    this.sessions = new SessionStore(new RefreshTokenCodec(ctx.jwtSecret));
  }

  async start(): Promise<void> {
    await this.settings.load();
    await this.keys.load();
    this.ctx.jwt.setPublicKeys(this.keys.jwks());
  }

  get config(): AuthSettings {
    return this.settings.get();
  }

  get db(): Database {
    return this.ctx.databases.active;
  }

  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return authTx(this.db, fn);
  }

  send(tx: Tx, message: OutgoingMessage): Promise<void> {
    return this.mailer.send(tx, message);
  }

  issuer(client: ClientInfo): string {
    return `${client.externalUrl}/auth/v1`;
  }

  /** Opens a session for the user and answers with GoTrue's session response. */
  async signIn(tx: Tx, user: User, method: AuthMethod, client: ClientInfo): Promise<SessionResponse> {
    await touchSignIn(tx, user.id);
    const grant = await this.sessions.create(tx, user.id, amrMethod(method), client);
    const fresh = { ...user, last_sign_in_at: new Date().toISOString() };
    return this.tokens.session(tx, fresh, grant, method, this.issuer(client), this.config);
  }

  /** The session response for a grant; `tx` is needed only when the access-token hook is enabled. */
  respond(tx: Tx | null, user: User, grant: SessionGrant, method: AuthMethod, client: ClientInfo): Promise<SessionResponse> {
    return this.tokens.session(tx, user, grant, method, this.issuer(client), this.config);
  }

  /** Trestle's audit log (main database), after the auth transaction committed. */
  async audit(client: ClientInfo, action: string, userId: string, detail?: unknown): Promise<void> {
    await this.ctx.audit.record({ actor: client.actor, action, resourceType: 'auth_user', resourceId: userId, detail, requestId: client.requestId })
      .catch((err: Error) => this.ctx.log.warn({ err: err.message, action }, 'auth audit entry not written'));
  }
}

/** The amr method GoTrue records for a way of signing in. */
function amrMethod(method: AuthMethod): string {
  if (method === 'magiclink' || method === 'email/signup' || method === 'invite' || method === 'recovery' || method === 'email_change') return 'otp';
  return method;
}
