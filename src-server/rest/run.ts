// Runs one /v1/db request in one transaction on the active database, as the caller's API role with its JWT claims.
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { TrestleContext } from '../context.js';
import type { Database } from '../db/database.js';
import { fromDatabaseError, isDatabaseError } from '../db/pg-errors.js';
import { quoteLiteral } from '../db/quote.js';
import { ApiError } from '../errors.js';
import { verifyJwt, type ApiRole } from './jwt.js';
import { runPipeline, type Step } from './pipeline.js';

export const REST_TIMEOUT_MS = 10_000;

export interface DbIdentity {
  /** null: the connection's own (owner) role, which bypasses RLS — the service_role key. */
  role: ApiRole | null;
  claims: string;
  sub: string;
  hasJwt: boolean;
}

const ANON: DbIdentity = { role: 'anon', claims: '{"role":"anon"}', sub: '', hasJwt: false };
const SERVICE: DbIdentity = { role: null, claims: '{"role":"service_role"}', sub: '', hasJwt: false };

export function identityOf(ctx: TrestleContext, request: FastifyRequest): DbIdentity {
  const auth = request.auth;
  if (auth.kind !== 'key') throw new ApiError(401, 'MISSING_API_KEY', 'An API key is required');
  if (auth.key.key_type === 'service_role') return SERVICE;
  const header = request.headers.authorization;
  if (!header) return ANON;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new ApiError(401, 'PGRST301', 'Authorization header must be "Bearer <JWT>"', { headers: { 'WWW-Authenticate': 'Bearer' } });
  // supabase-js sends the API key itself as the bearer token when nobody is signed in.
  if (m[1].startsWith('truss_')) return ANON;
  const jwt = verifyJwt(m[1], ctx.jwtSecret);
  return { role: jwt.role, claims: JSON.stringify(jwt.claims), sub: jwt.sub, hasJwt: true };
}

const JWT_SETUP = "SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.jwt.sub', $3, true), set_config('statement_timeout', $4, true), set_config('transaction_read_only', $5, true)";
/** Set-up without request input (no JWT): a constant statement per role and timeout, prepared once per connection. */
const fixedSetup = new Map<string, string>();
function setupStep(id: DbIdentity, timeoutMs: number, readOnly: boolean): Step {
  if (id.hasJwt) return { text: JWT_SETUP, values: [id.role, id.claims, id.sub, String(timeoutMs), readOnly ? 'on' : 'off'], prepare: true };
  const key = `${id.role}:${timeoutMs}:${readOnly}`;
  let text = fixedSetup.get(key);
  if (!text) {
    const settings = [
      ...(id.role ? [`set_config('role', ${quoteLiteral(id.role)}, true)`] : []),
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
  const timeoutMs = opts.timeoutMs ?? REST_TIMEOUT_MS;
  return db.withClient(async (client) => {
    try {
      const steps: Step[] = [setupStep(id, timeoutMs, opts.readOnly), { text: stmt.text, values: stmt.values, rows: true, prepare: true }];
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
      if (isDatabaseError(err)) throw fromDatabaseError(err, { hasJwtRole: id.hasJwt || id.role === null });
      throw err;
    }
  });
}
