// Runs one /v1/db request in one transaction on the active database, as the caller's API role with its JWT claims.
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { TrestleContext } from '../context.js';
import type { Database } from '../db/database.js';
import { fromDatabaseError, isDatabaseError } from '../db/pg-errors.js';
import { quoteLiteral } from '../db/quote.js';
import { SERVICE_STATEMENT_TIMEOUT_MS } from '../config.js';
import { dbIdentity, type RequestIdentity } from '../security/identity.js';
import { runPipeline, type Step } from './pipeline.js';

export type DbIdentity = RequestIdentity;

/** The caller's identity (resolved by the auth hook from the matched route's credentials) and its statement timeout. */
export async function identityOf(ctx: TrestleContext, request: FastifyRequest): Promise<DbIdentity> {
  const id = dbIdentity(request.auth);
  return { ...id, timeoutMs: id.role === 'service_role' ? SERVICE_STATEMENT_TIMEOUT_MS : ctx.config.userStatementTimeoutMs };
}

/**
 * First step of every request: session settings a previous request's functions may have changed with
 * set_config(…, false) (search_path, timeouts…) go back to their defaults, inside this request's transaction.
 * The role needs no reset: every request sets it locally before anything else runs.
 */
const RESET_SESSION: Step = { text: 'RESET ALL', prepare: true };

const JWT_SETUP = "SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.jwt.sub', $3, true), set_config('statement_timeout', $4, true), set_config('transaction_read_only', $5, true)";
/** Set-up without request input (no JWT): a constant statement per role and timeout, prepared once per connection. */
const fixedSetup = new Map<string, string>();
function setupStep(id: DbIdentity, timeoutMs: number, readOnly: boolean): Step {
  if (id.hasJwt) return { text: JWT_SETUP, values: [id.role, id.claims, id.sub, String(timeoutMs), readOnly ? 'on' : 'off'], prepare: true };
  const key = `${id.role}:${timeoutMs}:${readOnly}`;
  let text = fixedSetup.get(key);
  if (!text) {
    const settings = [
      `set_config('role', ${quoteLiteral(id.role)}, true)`,
      `set_config('request.jwt.claims', ${quoteLiteral(id.claims)}, true)`, `set_config('request.jwt.sub', '', true)`,
      `set_config('statement_timeout', ${quoteLiteral(String(timeoutMs))}, true)`,
      `set_config('transaction_read_only', ${readOnly ? "'on'" : "'off'"}, true)`,
    ];
    text = `SELECT ${settings.join(', ')}`;
    fixedSetup.set(key, text);
  }
  return { text, prepare: true };
}

export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The set-up and the statement go out in one round trip and run in the implicit transaction of one extended-protocol
 * Sync (Postgres commits it at the Sync, or rolls it back on error). With `after` (checks or extra queries that must
 * happen before the commit) or `rollback` (Prefer: tx=rollback) an explicit BEGIN … COMMIT/ROLLBACK is used instead.
 * Returns the statement's rows as text columns.
 */
export async function runRequest(
  db: Database, id: DbIdentity, opts: { readOnly: boolean; timeoutMs?: number; rollback?: boolean }, stmt: Statement,
  after?: (client: pg.PoolClient, rows: Array<Array<string | null>>) => Promise<void>,
): Promise<Array<Array<string | null>>> {
  const timeoutMs = opts.timeoutMs ?? id.timeoutMs;
  return db.withClient(async (client) => {
    try {
      const steps: Step[] = [RESET_SESSION, setupStep(id, timeoutMs, opts.readOnly), { text: stmt.text, values: stmt.values, rows: true, prepare: true }];
      const explicit = after !== undefined || opts.rollback === true;
      if (explicit) steps.unshift({ text: 'BEGIN', prepare: true });
      const results = await runPipeline(client, steps);
      const rows = results[steps.length - 1]!;
      if (explicit) {
        await after?.(client, rows);
        await client.query(opts.rollback ? 'ROLLBACK' : 'COMMIT');
      }
      return rows;
    } catch (err) {
      if (after || opts.rollback) await client.query('ROLLBACK').catch(() => undefined);
      if (isDatabaseError(err)) throw fromDatabaseError(err, { hasJwtRole: id.hasJwt || id.role === 'service_role' });
      throw err;
    }
  }, { priority: id.role === 'service_role' });
}
