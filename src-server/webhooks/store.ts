// SQL for webhook definitions (control database), their delivery stats and attempt logs (the watched database).
import type { Queryable } from '../db/database.js';
import type { WebhookEvent } from './validate.js';

export interface WebhookRow {
  id: string;
  name: string;
  database_name: string;
  table_schema: string;
  table_name: string;
  events: WebhookEvent[];
  url: string;
  headers: Record<string, string>;
  secret: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export interface WebhookStats {
  delivered: number;
  failed: number;
  pending: number;
  last_fired_at: string | null;
  last_status_code: number | null;
  last_success: boolean | null;
  oldest_pending_at: string | null;
  health: 'paused' | 'healthy' | 'failing' | 'idle';
}

export interface WebhookLog {
  id: number;
  webhook_id: string;
  event_id: string | null;
  event: string;
  attempt: number;
  success: boolean;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  request_body: string;
  response_body: string | null;
  attempted_at: string;
}

export type NewLog = Omit<WebhookLog, 'id' | 'attempted_at'>;

const COLUMNS = 'id, name, database_name, table_schema, table_name, events, url, headers, secret, active, created_at, updated_at';

export async function listWebhooks(db: Queryable): Promise<WebhookRow[]> {
  const { rows } = await db.query<WebhookRow>(`SELECT ${COLUMNS} FROM trestle.webhooks ORDER BY created_at, id`);
  return rows;
}

export async function getWebhook(db: Queryable, id: string, forUpdate = false): Promise<WebhookRow | null> {
  const { rows } = await db.query<WebhookRow>(
    `SELECT ${COLUMNS} FROM trestle.webhooks WHERE id::text = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id],
  );
  return rows[0] ?? null;
}

export async function insertWebhook(db: Queryable, w: Omit<WebhookRow, 'id' | 'created_at' | 'updated_at'>): Promise<WebhookRow> {
  const { rows } = await db.query<WebhookRow>(
    `INSERT INTO trestle.webhooks (name, database_name, table_schema, table_name, events, url, headers, secret, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
    [w.name, w.database_name, w.table_schema, w.table_name, w.events, w.url, JSON.stringify(w.headers), w.secret, w.active],
  );
  return rows[0];
}

export async function updateWebhook(db: Queryable, w: WebhookRow): Promise<WebhookRow> {
  const { rows } = await db.query<WebhookRow>(
    `UPDATE trestle.webhooks SET name = $2, table_schema = $3, table_name = $4, events = $5, url = $6, headers = $7,
            secret = $8, active = $9, updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [w.id, w.name, w.table_schema, w.table_name, w.events, w.url, JSON.stringify(w.headers), w.secret, w.active],
  );
  return rows[0];
}

export async function deleteWebhook(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM trestle.webhooks WHERE id = $1', [id]);
}

/** Removes a webhook's outbox and logs from the database it watched. */
export async function purgeWebhookData(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM trestle.webhook_events WHERE webhook_id = $1', [id]);
  await db.query('DELETE FROM trestle.webhook_logs WHERE webhook_id = $1', [id]);
}

/**
 * Removes a webhook's pending events from its outbox (a flood the user does not want delivered). An event whose
 * delivery is in flight at that moment may still arrive; it is counted in `in_flight`.
 */
export async function cancelPending(db: Queryable, webhookId: string): Promise<{ cancelled: number; in_flight: number }> {
  const { rows } = await db.query<{ cancelled: number; in_flight: number }>(
    `WITH gone AS (DELETE FROM trestle.webhook_events WHERE webhook_id = $1 AND status = 'pending' RETURNING claimed_until)
     SELECT count(*)::int AS cancelled, count(*) FILTER (WHERE claimed_until > now())::int AS in_flight FROM gone`, [webhookId]);
  return rows[0];
}

/** Stats of the given webhooks, all living in the one database `db`. */
export async function statsFor(db: Queryable, hooks: WebhookRow[]): Promise<Map<string, WebhookStats>> {
  const ids = hooks.map((h) => h.id);
  const [counts, last] = await Promise.all([
    db.query<{ webhook_id: string; delivered: number; failed: number; pending: number; oldest_pending_at: string | null }>(
      `SELECT webhook_id,
              count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              min(created_at) FILTER (WHERE status = 'pending') AS oldest_pending_at
         FROM trestle.webhook_events WHERE webhook_id = ANY($1::uuid[]) GROUP BY webhook_id`, [ids]),
    db.query<{ webhook_id: string; attempted_at: string; success: boolean; status_code: number | null }>(
      `SELECT DISTINCT ON (webhook_id) webhook_id, attempted_at, success, status_code
         FROM trestle.webhook_logs WHERE webhook_id = ANY($1::uuid[]) ORDER BY webhook_id, id DESC`, [ids]),
  ]);
  const byCount = new Map(counts.rows.map((r) => [r.webhook_id, r]));
  const byLast = new Map(last.rows.map((r) => [r.webhook_id, r]));
  const out = new Map<string, WebhookStats>();
  for (const h of hooks) {
    const c = byCount.get(h.id);
    const l = byLast.get(h.id);
    out.set(h.id, {
      delivered: c?.delivered ?? 0, failed: c?.failed ?? 0, pending: c?.pending ?? 0,
      oldest_pending_at: c?.oldest_pending_at ?? null,
      last_fired_at: l?.attempted_at ?? null, last_status_code: l?.status_code ?? null, last_success: l?.success ?? null,
      health: !h.active ? 'paused' : !l ? 'idle' : l.success ? 'healthy' : 'failing',
    });
  }
  return out;
}

const LOG_COLUMNS = `id::float8 AS id, webhook_id, event_id, event, attempt, success, status_code, latency_ms, error,
  request_body, response_body, attempted_at`;

export async function listLogs(
  db: Queryable, webhookId: string, opts: { limit: number; before?: number; outcome?: 'success' | 'failure' },
): Promise<WebhookLog[]> {
  const { rows } = await db.query<WebhookLog>(
    `SELECT ${LOG_COLUMNS} FROM trestle.webhook_logs
      WHERE webhook_id = $1 AND ($2::bigint IS NULL OR id < $2) AND ($3::boolean IS NULL OR success = $3)
      ORDER BY id DESC LIMIT $4`,
    [webhookId, opts.before ?? null, opts.outcome === undefined ? null : opts.outcome === 'success', opts.limit],
  );
  return rows;
}

export async function getLog(db: Queryable, webhookId: string, logId: number): Promise<WebhookLog | null> {
  const { rows } = await db.query<WebhookLog>(
    `SELECT ${LOG_COLUMNS} FROM trestle.webhook_logs WHERE webhook_id = $1 AND id = $2`, [webhookId, logId],
  );
  return rows[0] ?? null;
}

export async function insertLogs(db: Queryable, logs: NewLog[]): Promise<number[]> {
  if (logs.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO trestle.webhook_logs (webhook_id, event_id, event, attempt, success, status_code, latency_ms, error,
                                       request_body, response_body)
     SELECT webhook_id, event_id, event, attempt, success, status_code, latency_ms, error, request_body, response_body
       FROM jsonb_to_recordset($1::jsonb) AS x(webhook_id uuid, event_id uuid, event text, attempt int, success boolean,
            status_code int, latency_ms int, error text, request_body text, response_body text)
     RETURNING id::float8 AS id`,
    [JSON.stringify(logs)],
  );
  return rows.map((r) => r.id);
}
