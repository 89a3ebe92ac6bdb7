// Runs one /v1/db request in one transaction on the active database, as the caller's API role with its JWT claims.
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { TrestleContext } from '../context.js';
import type { Database } from '../db/database.js';
import { fromDatabaseError, isDatabaseError } from '../db/pg-errors.js';
import { ApiError } from '../errors.js';
import { verifyJwt, type ApiRole } from './jwt.js';

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

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** Set-up without request input (no JWT): one simple-protocol round trip, built once per role and mode. */
const fixedSetup = new Map<string, string>();
function fixedSetupSql(id: DbIdentity, readOnly: boolean, timeoutMs: number): string {
  const key = `${id.role}:${readOnly}:${timeoutMs}`;
  let sql = fixedSetup.get(key);
  if (!sql) {
    const settings = [
      ...(id.role ? [`set_config('role', ${literal(id.role)}, true)`] : []),
      `set_config('request.jwt.claims', ${literal(id.claims)}, true)`, `set_config('request.jwt.sub', '', true)`,
      `set_config('statement_timeout', ${literal(String(timeoutMs))}, true)`,
    ];
    sql = `BEGIN${readOnly ? ' READ ONLY' : ''}; SELECT ${settings.join(', ')}`;
    fixedSetup.set(key, sql);
  }
  return sql;
}

export async function inRequestTransaction<T>(
  db: Database, id: DbIdentity, opts: { readOnly: boolean; timeoutMs?: number },
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? REST_TIMEOUT_MS;
  return db.withClient(async (client) => {
    try {
      if (id.hasJwt) {
        await client.query(opts.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
        await client.query(
          "SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.jwt.sub', $3, true), set_config('statement_timeout', $4, true)",
          [id.role, id.claims, id.sub, String(timeoutMs)]);
      } else await client.query(fixedSetupSql(id, opts.readOnly, timeoutMs));
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (isDatabaseError(err)) throw fromDatabaseError(err, { hasJwtRole: id.hasJwt || id.role === null });
      throw err;
    }
  });
}
