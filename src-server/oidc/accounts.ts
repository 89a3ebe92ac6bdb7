// The provider's accounts are the auth module's users (auth.users of the active database): oidc-provider's
// findAccount hook, the OpenID claims of a user, the password check of the login page and its "continue as" list.
import type { Account, AccountClaims, FindAccount } from 'oidc-provider';
import type { Database } from '../db/database.js';
import { authTx } from '../auth/db.js';
import { verifyCredentials } from '../auth/flows/token.js';
import { FailedAttempts } from '../auth/rate-limits.js';
import { AUTH_DEFAULTS } from '../auth/settings.js';
import { findUserById, isBanned, type User } from '../auth/users.js';

export interface AccountChoice {
  id: string;
  email: string;
  name: string | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const epoch = (ts: string | null) => (ts ? Math.floor(Date.parse(ts) / 1000) : undefined);

/** OpenID Connect standard claims from a user row and its metadata (as social providers fill user_metadata). */
export function userClaims(u: User): AccountClaims {
  const meta = u.raw_user_meta_data ?? {};
  const claims: AccountClaims = {
    sub: u.id,
    email: u.email || undefined,
    email_verified: u.email ? Boolean(u.email_confirmed_at) : undefined,
    phone_number: u.phone || undefined,
    phone_number_verified: u.phone ? Boolean(u.phone_confirmed_at) : undefined,
    name: str(meta.full_name) ?? str(meta.name),
    given_name: str(meta.given_name),
    family_name: str(meta.family_name),
    nickname: str(meta.nickname),
    preferred_username: str(meta.preferred_username) ?? str(meta.user_name),
    picture: str(meta.avatar_url) ?? str(meta.picture),
    updated_at: epoch(u.updated_at),
  };
  for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
  return claims;
}

export class OidcAccounts {
  private readonly attempts = new FailedAttempts();

  constructor(private readonly db: () => Database) {}

  /** oidc-provider's findAccount: a user that exists, is not deleted and not banned. */
  readonly findAccount: FindAccount = async (_ctx, sub): Promise<Account | undefined> => {
    const user = await this.activeUser(sub);
    if (!user) return undefined;
    const claims = userClaims(user);
    return { accountId: user.id, claims: () => claims };
  };

  private async activeUser(id: string): Promise<User | undefined> {
    const user = await authTx(this.db(), (tx) => findUserById(tx, id));
    return user && !user.deleted_at && !isBanned(user) ? user : undefined;
  }

  /** The most recent users with an email, for the login page's "continue as". */
  async recent(limit = 12): Promise<AccountChoice[]> {
    const { rows } = await authTx(this.db(), (tx) => tx.query<AccountChoice>(
      `SELECT id::text, email, coalesce(raw_user_meta_data ->> 'full_name', raw_user_meta_data ->> 'name') AS name
         FROM auth.users WHERE email IS NOT NULL AND email <> '' AND deleted_at IS NULL AND (banned_until IS NULL OR banned_until < now())
        ORDER BY last_sign_in_at DESC NULLS LAST, created_at DESC LIMIT $1`, [limit]));
    return rows;
  }

  /** The id of the user the email and password prove, or the auth module's error (invalid_credentials, email_not_confirmed…). */
  async checkPassword(email: string, password: string, ip: string): Promise<string> {
    const limits = { perAccount: AUTH_DEFAULTS.max_failed_attempts_per_account, perIp: AUTH_DEFAULTS.max_failed_attempts_per_ip };
    const user = await verifyCredentials(this.db(), this.attempts, limits, { email, password }, ip);
    return user.id;
  }

  /** How the consent page names the signed-in user. */
  async label(id: string): Promise<string | undefined> {
    const user = await this.activeUser(id);
    return user ? user.email || user.phone || user.id : undefined;
  }

  /** A user picked from the "continue as" list: it must still be one that may sign in. */
  async checkChoice(id: string): Promise<string | undefined> {
    return (await this.activeUser(id))?.id;
  }
}
