// Claiming and settling outbox events. Claims are leases (claimed_until), so a crashed worker's claims simply expire.
import type { Database } from '../db/database.js';
import { insertLogs, type NewLog } from './store.js';

export interface OutboxEvent {
  id: string;
  event_id: string;
  event: string;
  schema_name: string;
  table_name: string;
  row: unknown;
  old_row: unknown;
  created_at: string;
  attempts: number;
}

export const EVENT_COLUMNS = `id, event_id, event, schema_name, table_name, "row", old_row,
  to_json(created_at) #>> '{}' AS created_at, attempts`;

export type Claim =
  | { kind: 'events'; events: OutboxEvent[] }
  /** Nothing deliverable now; look again in waitMs (null: only when woken). */
  | { kind: 'wait'; waitMs: number | null };

/** The exact bytes POSTed for an event; built the same way for first attempts and replays. */
export function eventBody(e: OutboxEvent): string {
  return JSON.stringify({
    id: e.event_id, event: e.event, schema: e.schema_name, table: e.table_name,
    row: e.row ?? null, old_row: e.old_row ?? null, timestamp: e.created_at,
  });
}

/**
 * Leases the head of a webhook's queue: committed pending events in id order, stopping at the first one not due or
 * claimed elsewhere (events of one webhook go out in order, so the head blocks the rest). Ids are taken as changes are
 * made, and a change that depends on another (same row) can only be made after that one committed, so dependent
 * changes always go out in commit order; an event of a transaction still running is simply not visible yet and goes
 * out once committed, without waiting for unrelated transactions.
 */
export async function claimHead(db: Database, webhookId: string, limit: number, leaseMs: number): Promise<Claim> {
  // An event already tried stays at the head: an event committed later by an older transaction queues behind it.
  const { rows } = await db.query<{ id: string; due: boolean; leased_ms: number | null; wait_ms: number | null }>(
    `WITH candidates AS (
       (SELECT 0 AS tried_first, id, next_attempt_at, claimed_until FROM trestle.webhook_events
         WHERE webhook_id = $1 AND status = 'pending' AND attempts > 0 ORDER BY id LIMIT $2)
       UNION ALL
       (SELECT 1, id, next_attempt_at, claimed_until FROM trestle.webhook_events
         WHERE webhook_id = $1 AND status = 'pending' AND attempts = 0 ORDER BY id LIMIT $2))
     SELECT id,
            next_attempt_at <= now() AS due,
            CASE WHEN claimed_until > now() THEN ceil(extract(epoch FROM claimed_until - now()) * 1000)::int END AS leased_ms,
            CASE WHEN next_attempt_at > now() THEN ceil(extract(epoch FROM next_attempt_at - now()) * 1000)::int END AS wait_ms
       FROM candidates ORDER BY tried_first, id LIMIT $2`,
    [webhookId, limit],
  );
  if (rows.length === 0) return { kind: 'wait', waitMs: null };
  const head = rows[0];
  if (head.leased_ms !== null) return { kind: 'wait', waitMs: head.leased_ms };
  if (!head.due) return { kind: 'wait', waitMs: head.wait_ms };
  const ids: string[] = [];
  for (const r of rows) {
    if (!r.due || r.leased_ms !== null) break;
    ids.push(r.id);
  }
  const { rows: claimed } = await db.query<OutboxEvent>(
    `UPDATE trestle.webhook_events SET claimed_until = now() + $2 * interval '1 millisecond'
      WHERE id = ANY($1::bigint[]) AND status = 'pending' AND (claimed_until IS NULL OR claimed_until <= now())
      RETURNING ${EVENT_COLUMNS}`,
    [ids, leaseMs],
  );
  // Keep only the unbroken run from the head; anything after a gap (claimed concurrently) goes back.
  const got = new Map(claimed.map((e) => [e.id, e]));
  const run: OutboxEvent[] = [];
  for (const id of ids) {
    const e = got.get(id);
    if (!e) break;
    run.push(e);
  }
  const back = claimed.filter((e) => !run.includes(e)).map((e) => e.id);
  if (back.length) await release(db, back);
  return run.length ? { kind: 'events', events: run } : { kind: 'wait', waitMs: 50 };
}

export async function release(db: Database, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`UPDATE trestle.webhook_events SET claimed_until = NULL WHERE id = ANY($1::bigint[]) AND status = 'pending'`, [ids]);
}

export interface Settlement {
  delivered: string[];
  /** The attempt that failed; retried after delayMs, or marked failed when it was the last one allowed. */
  failed?: { id: string; error: string; delayMs: number; maxAttempts: number };
  /** Claimed but not attempted. */
  released: string[];
  logs: NewLog[];
}

export async function settle(db: Database, s: Settlement): Promise<void> {
  await db.transaction(async (client) => {
    // Losing this commit in a crash only means sending these events again (at-least-once), so it need not wait for
    // the WAL flush; the events themselves were committed by their own transactions.
    await client.query('SET LOCAL synchronous_commit = off');
    if (s.delivered.length) {
      await client.query(
        `UPDATE trestle.webhook_events SET status = 'delivered', delivered_at = now(), attempts = attempts + 1,
                claimed_until = NULL, last_error = NULL
          WHERE id = ANY($1::bigint[])`, [s.delivered]);
    }
    if (s.failed) {
      await client.query(
        `UPDATE trestle.webhook_events SET attempts = attempts + 1, claimed_until = NULL, last_error = $2,
                next_attempt_at = now() + $3 * interval '1 millisecond',
                status = CASE WHEN attempts + 1 >= $4 THEN 'failed' ELSE 'pending' END
          WHERE id = $1`, [s.failed.id, s.failed.error, s.failed.delayMs, s.failed.maxAttempts]);
    }
    if (s.released.length) {
      await client.query(`UPDATE trestle.webhook_events SET claimed_until = NULL WHERE id = ANY($1::bigint[]) AND status = 'pending'`, [s.released]);
    }
    await insertLogs(client, s.logs);
  });
}

/** Retention: delivered events and attempt logs older than `days` go; pending and failed events stay until handled. */
export async function prune(db: Database, days: number): Promise<void> {
  await db.query(`DELETE FROM trestle.webhook_events WHERE status = 'delivered' AND delivered_at < now() - $1 * interval '1 day'`, [days]);
  await db.query(`DELETE FROM trestle.webhook_logs WHERE attempted_at < now() - $1 * interval '1 day'`, [days]);
}
