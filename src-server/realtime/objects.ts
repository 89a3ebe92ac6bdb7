// The capture objects exist in every database Trestle bootstrapped; a branch copied from an older main gets them
// when it becomes active. Without a superuser there is no event trigger, so the triggers are reconciled by polling.
import type { Queryable } from '../db/database.js';
import { REALTIME_DDL } from '../bootstrap/migrations/realtime.js';

export async function ensureRealtimeObjects(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT to_regclass('trestle.realtime_changes') IS NOT NULL AND to_regprocedure('trestle.realtime_sync()') IS NOT NULL
            AND to_regclass('realtime.messages') IS NOT NULL AS ok`);
  if (!rows[0].ok) await db.query(REALTIME_DDL);
}

/** True when DDL reconciles the triggers itself (event trigger installed). */
export async function followsDdl(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'trestle_realtime_publication' AND evtenabled <> 'D') AS ok`);
  return rows[0].ok;
}

export async function syncTriggers(db: Queryable): Promise<void> {
  await db.query('SELECT trestle.realtime_sync()');
}

/** Broadcasts written to realtime.messages are kept for a few days, as Supabase keeps its daily partitions. */
export async function pruneMessages(db: Queryable, days = 3): Promise<void> {
  await db.query(`DELETE FROM realtime.messages WHERE inserted_at < now() - make_interval(days => $1)`, [days]);
}
