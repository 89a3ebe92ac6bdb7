// Who a storage operation runs as, and the one place that opens a transaction as that caller: the role and the JWT
// claims are set locally (as Supabase Storage sets them) so RLS policies on storage.objects and storage.buckets decide.
import type pg from 'pg';
import type { TrestleContext } from '../context.js';
import { runPipeline, type Step } from '../rest/pipeline.js';
import type { ApiRole } from '../security/jwt.js';

export interface Caller {
  role: ApiRole;
  claims: Record<string, unknown>;
  /** The JWT's sub, '' without a user. */
  sub: string;
  /** Supabase's operation name of the route (storage.operation() in policies); the domain's own name otherwise. */
  operation?: string;
}

/** The service_role key, the dashboard, signed URLs and public buckets: BYPASSRLS, like Storage's superuser path. */
export const SERVICE: Caller = { role: 'service_role', claims: { role: 'service_role' }, sub: '' };
export const ANON: Caller = { role: 'anon', claims: { role: 'anon' }, sub: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** storage.objects.owner is a uuid (set only when sub is one); owner_id keeps any sub. */
export function ownerColumns(sub: string): { owner: string | null; owner_id: string | null } {
  return { owner: UUID.test(sub) ? sub : null, owner_id: sub || null };
}

export type Tx = pg.ClientBase;
export type RunAs = <T>(caller: Caller, operation: string, fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** Statements as a caller on the active database. */
export interface CallerDb {
  /** A transaction (several statements, or one that must be rolled back). */
  transaction: RunAs;
  /** One statement, in one round trip with its settings; the rows it returns, as JSON objects (timestamps in ISO form). */
  query<T>(caller: Caller, operation: string, text: string, values?: unknown[]): Promise<T[]>;
  /** One statement that returns no rows (an INSERT that may not read back what it wrote). */
  execute(caller: Caller, operation: string, text: string, values?: unknown[]): Promise<void>;
}

// request.jwt.sub is what Trestle's own auth.uid() read before the auth module (kept for policies written then).
const SETUP = `SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
  set_config('request.jwt.claim.sub', $3, true), set_config('request.jwt.claim.role', $1, true), set_config('request.jwt.sub', $3, true),
  set_config('storage.operation', $4, true), set_config('storage.allow_delete_query', 'true', true),
  set_config('statement_timeout', '15s', true)`;

const setup = (caller: Caller, operation: string): Step =>
  ({ text: SETUP, values: [caller.role, JSON.stringify(caller.claims), caller.sub, caller.operation ?? operation], prepare: true });

/**
 * The one place storage statements reach Postgres: the non-superuser authenticator pool, switching role with
 * set_config('role') (service_role keeps its reserved share of connections). Single statements run with their
 * settings in one extended-protocol Sync (an implicit transaction Postgres commits at its end).
 */
export function callerDb(ctx: TrestleContext): CallerDb {
  const pool = () => ctx.databases.activeApi;
  const lane = (caller: Caller) => ({ priority: caller.role === 'service_role' });
  return {
    transaction: (caller, operation, fn) => pool().withClient(async (tx) => {
      await runPipeline(tx, [{ text: 'BEGIN', prepare: true }, setup(caller, operation)]);
      try {
        const result = await fn(tx);
        await tx.query('COMMIT');
        return result;
      } catch (err) {
        await tx.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }, lane(caller)),
    query: <T>(caller: Caller, operation: string, text: string, values: unknown[] = []) => pool().withClient(async (client) => {
      const json = { text: `WITH q AS (${text}) SELECT coalesce(json_agg(q), '[]')::text FROM q`, values, rows: true, prepare: true };
      const results = await runPipeline(client, [setup(caller, operation), json]);
      return JSON.parse(results[1]![0][0]!) as T[];
    }, lane(caller)),
    execute: (caller, operation, text, values = []) => pool().withClient(async (client) => {
      await runPipeline(client, [setup(caller, operation), { text, values, prepare: true }]);
    }, lane(caller)),
  };
}
