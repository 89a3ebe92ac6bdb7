// Runs the table editor's reads as an API role ("view as"), so RLS applies exactly as it does for /v1/db:
// SET LOCAL ROLE plus the JWT claims Supabase-style policies read, all local to one read-only transaction.
import type pg from 'pg';
import type { Database } from '../db/database.js';
import { fromDatabaseError, isDatabaseError } from '../db/pg-errors.js';
import { quoteIdent } from '../db/quote.js';
import { userClaimsForViewAs } from '../auth/view-as-claims.js';

export type ViewAsRole = 'service' | 'anon' | 'authenticated';

export interface ViewAs {
  role: ViewAsRole;
  /** The user id policies see through auth.uid() (authenticated only). */
  sub?: string;
}

const ROLE_NAMES: Record<ViewAsRole, string> = { service: 'service_role', anon: 'anon', authenticated: 'authenticated' };

/** Guards the grid against a pathological view or filter holding a connection forever. */
const READ_TIMEOUT = '15s';

export async function readAs<T>(db: Database, as: ViewAs | undefined, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return db.withClient(async (client) => {
    await client.query('BEGIN READ ONLY');
    try {
      await client.query(`SELECT set_config('statement_timeout', $1, true)`, [READ_TIMEOUT]);
      if (as) {
        const role = ROLE_NAMES[as.role];
        // A real user's id gets that user's claims (email, metadata…), as their own requests would carry.
        const userClaims = as.sub !== undefined && as.role === 'authenticated' ? await userClaimsForViewAs(client, as.sub) : null;
        const claims: Record<string, unknown> = { ...userClaims, role };
        if (as.sub !== undefined) claims.sub = as.sub;
        await client.query(`SET LOCAL ROLE ${quoteIdent(role)}`);
        await client.query(`SELECT set_config('request.jwt.claims', $1, true), set_config('request.jwt.sub', $2, true)`,
          [JSON.stringify(claims), as.sub ?? '']);
      }
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (as && isDatabaseError(err)) throw fromDatabaseError(err, { hasJwtRole: true });
      throw err;
    }
  });
}
