// Webhook management: definitions and triggers changed together and audited, stats, logs, test sends and replays.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { TrestleContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import { resolveTable } from '../../db/table-ref.js';
import { ApiError } from '../../errors.js';
import { audited, type AuditedRequest } from '../../services/audit.js';
import { deliver, type DeliveryResult } from '../../webhooks/delivery.js';
import type { DeliveryOptions } from '../../webhooks/options.js';
import {
  cancelPending, deleteWebhook, getLog, getWebhook, insertLogs, insertWebhook, listLogs, listWebhooks, purgeWebhookData, statsFor,
  updateWebhook, type WebhookLog, type WebhookRow, type WebhookStats,
} from '../../webhooks/store.js';
import { dropTrigger, ensureWebhookObjects, installTrigger } from '../../webhooks/triggers.js';
import { maskHeaders, maskUrl, unmaskHeaders, unmaskUrl } from '../../webhooks/mask.js';
import { validateEvents, validateHeaders, validateUrl } from '../../webhooks/validate.js';
import type { DeliveryWorker } from '../../webhooks/worker.js';

export interface WebhookInput {
  name?: string;
  table_schema?: string;
  table_name?: string;
  events?: string[];
  url?: string;
  headers?: Record<string, string>;
  secret?: string | null;
  active?: boolean;
}

export type PublicWebhook = Omit<WebhookRow, 'secret' | 'database_name'> & { database: string; has_secret: boolean; stats: WebhookStats };
export type PublicLog = WebhookLog & { payload: unknown };
export type SendResult = DeliveryResult & { log_id: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(id: string): ApiError {
  return new ApiError(404, 'WEBHOOK_NOT_FOUND', `No webhook with id "${id.slice(0, 64)}"`);
}

export function publicLog(log: WebhookLog): PublicLog {
  let payload: unknown;
  try {
    payload = JSON.parse(log.request_body);
  } catch {
    payload = null;
  }
  return { ...log, payload };
}

export class WebhooksService {
  constructor(private readonly ctx: TrestleContext, private readonly worker: DeliveryWorker, private readonly options: DeliveryOptions) {}

  private get control() {
    return this.ctx.databases.control;
  }

  /** Runs fn in the webhook's database: inside the control transaction when it is the same database. */
  private async inTarget<T>(client: pg.PoolClient, database: string, fn: (q: Queryable) => Promise<T>): Promise<T> {
    if (database === this.control.name) return fn(client);
    return this.ctx.databases.get(database).transaction((c) => fn(c));
  }

  private async find(id: string): Promise<WebhookRow> {
    const hook = UUID.test(id) ? await getWebhook(this.control, id) : null;
    if (!hook) throw notFound(id);
    return hook;
  }

  private async withStats(hooks: WebhookRow[]): Promise<PublicWebhook[]> {
    const byDb = new Map<string, WebhookRow[]>();
    for (const h of hooks) byDb.set(h.database_name, [...(byDb.get(h.database_name) ?? []), h]);
    const stats = new Map<string, WebhookStats>();
    for (const [database, group] of byDb) {
      const found = await statsFor(this.ctx.databases.get(database), group).catch(() => new Map<string, WebhookStats>());
      for (const [id, s] of found) stats.set(id, s);
    }
    return hooks.map((h) => {
      const { secret, database_name, ...rest } = h;
      return {
        ...rest, url: maskUrl(h.url), headers: maskHeaders(h.headers), database: database_name, has_secret: secret !== null,
        stats: stats.get(h.id) ?? { delivered: 0, failed: 0, pending: 0, last_fired_at: null, last_status_code: null, last_success: null, oldest_pending_at: null, health: h.active ? 'idle' : 'paused' },
      };
    });
  }

  async list(): Promise<PublicWebhook[]> {
    return this.withStats(await listWebhooks(this.control));
  }

  async detail(id: string): Promise<{ webhook: PublicWebhook; logs: PublicLog[] }> {
    const hook = await this.find(id);
    const [webhook] = await this.withStats([hook]);
    const logs = await listLogs(this.ctx.databases.get(hook.database_name), hook.id, { limit: 20 });
    return { webhook, logs: logs.map(publicLog) };
  }

  async create(request: AuditedRequest, input: WebhookInput): Promise<PublicWebhook> {
    if (!input.table_name) throw new ApiError(400, 'VALIDATION_ERROR', 'table_name is required', { detail: { field: 'table_name' } });
    if (!input.url) throw new ApiError(400, 'VALIDATION_ERROR', 'url is required', { detail: { field: 'url' } });
    if (!input.events) throw new ApiError(400, 'VALIDATION_ERROR', 'events is required: a subset of INSERT, UPDATE, DELETE', { detail: { field: 'events' } });
    const events = validateEvents(input.events);
    const url = validateUrl(input.url);
    const headers = validateHeaders(input.headers ?? {});
    const database = this.ctx.databases.activeDatabaseName;
    const hook = await audited(this.control, this.ctx.audit, request,
      (h: WebhookRow) => ({ action: 'webhook.create', resourceType: 'webhook', resourceId: h.id, detail: { table: `${h.table_schema}.${h.table_name}`, events: h.events, url: maskUrl(h.url), database } }),
      (client) => this.inTarget(client, database, async (q) => {
        const table = await resolveTable(q, input.table_schema ?? 'public', input.table_name!);
        await ensureWebhookObjects(q);
        const row = await insertWebhook(client, {
          name: input.name ?? '', database_name: database, table_schema: table.schema, table_name: table.table, events, url, headers,
          secret: input.secret || null, active: input.active ?? true,
        });
        await installTrigger(q, row);
        return row;
      }));
    await this.worker.refresh();
    return (await this.withStats([hook]))[0];
  }

  async update(request: AuditedRequest, id: string, input: WebhookInput): Promise<PublicWebhook> {
    await this.find(id);
    const changed = Object.keys(input).filter((k) => k !== 'secret');
    const hook = await audited(this.control, this.ctx.audit, request,
      () => ({ action: 'webhook.update', resourceType: 'webhook', resourceId: id, detail: { fields: changed, secret_changed: input.secret !== undefined } }),
      async (client) => {
        const old = await getWebhook(client, id, true);
        if (!old) throw notFound(id);
        const next: WebhookRow = {
          ...old,
          name: input.name ?? old.name,
          events: input.events ? validateEvents(input.events) : old.events,
          url: input.url !== undefined ? validateUrl(unmaskUrl(input.url, old.url)) : old.url,
          headers: input.headers !== undefined ? validateHeaders(unmaskHeaders(input.headers, old.headers)) : old.headers,
          secret: input.secret === undefined ? old.secret : input.secret || null,
          active: input.active ?? old.active,
        };
        const retable = input.table_schema !== undefined || input.table_name !== undefined;
        const retrigger = retable || next.events.join() !== old.events.join();
        if (retrigger) {
          await this.inTarget(client, old.database_name, async (q) => {
            if (retable) {
              const table = await resolveTable(q, input.table_schema ?? old.table_schema, input.table_name ?? old.table_name);
              next.table_schema = table.schema;
              next.table_name = table.table;
            }
            await dropTrigger(q, old);
            await installTrigger(q, next);
          });
        }
        return updateWebhook(client, next);
      });
    await this.worker.refresh();
    return (await this.withStats([hook]))[0];
  }

  async remove(request: AuditedRequest, id: string): Promise<PublicWebhook> {
    const [before] = await this.withStats([await this.find(id)]);
    await audited(this.control, this.ctx.audit, request,
      () => ({ action: 'webhook.delete', resourceType: 'webhook', resourceId: id, detail: { table: `${before.table_schema}.${before.table_name}`, url: before.url } }),
      async (client) => {
        const old = await getWebhook(client, id, true);
        if (!old) throw notFound(id);
        await this.inTarget(client, old.database_name, async (q) => {
          await dropTrigger(q, old);
          await purgeWebhookData(q, old.id);
        });
        await deleteWebhook(client, id);
      });
    await this.worker.refresh();
    return before;
  }

  async logs(id: string, query: { limit?: number; before?: number; outcome?: 'success' | 'failure' }): Promise<PublicLog[]> {
    const hook = await this.find(id);
    const logs = await listLogs(this.ctx.databases.get(hook.database_name), hook.id, { limit: query.limit ?? 50, before: query.before, outcome: query.outcome });
    return logs.map(publicLog);
  }

  /** Drops the webhook's pending deliveries (audited); the worker stops sending any it had already claimed. */
  async cancelPending(request: AuditedRequest, id: string): Promise<{ cancelled: number; in_flight: number }> {
    const hook = await this.find(id);
    const result = await audited(this.control, this.ctx.audit, request,
      (r: { cancelled: number }) => ({ action: 'webhook.cancel_pending', resourceType: 'webhook', resourceId: hook.id, detail: { cancelled: r.cancelled } }),
      (client) => this.inTarget(client, hook.database_name, (q) => cancelPending(q, hook.id)));
    this.worker.interrupt(hook.id);
    return result;
  }

  /** Sends one request now (outside the queue), logs it and audits it. */
  private async sendNow(request: AuditedRequest, hook: WebhookRow, action: string, send: { eventId: string | null; event: string; body: string; attempt: number }): Promise<SendResult> {
    const result = await deliver({
      url: hook.url, headers: hook.headers, secret: hook.secret, eventId: send.eventId, event: send.event, body: send.body,
      timeoutMs: this.options.timeoutMs,
    });
    const logId = await audited(this.control, this.ctx.audit, request,
      () => ({ action, resourceType: 'webhook', resourceId: hook.id, detail: { event_id: send.eventId, status_code: result.status_code, success: result.success } }),
      (client) => this.inTarget(client, hook.database_name, async (q) => {
        if (result.success && send.eventId) {
          await q.query(
            `UPDATE trestle.webhook_events SET status = 'delivered', delivered_at = now(), last_error = NULL
              WHERE event_id = $1 AND status <> 'delivered'`, [send.eventId]);
        }
        const [logId] = await insertLogs(q, [{
          webhook_id: hook.id, event_id: send.eventId, event: send.event, attempt: send.attempt, request_body: send.body, ...result,
        }]);
        return logId;
      }));
    return { ...result, log_id: logId };
  }

  async test(request: AuditedRequest, id: string): Promise<SendResult> {
    const hook = await this.find(id);
    const eventId = crypto.randomUUID();
    const body = JSON.stringify({
      id: eventId, event: 'TEST', schema: hook.table_schema, table: hook.table_name,
      row: null, old_row: null, timestamp: new Date().toISOString(),
    });
    return this.sendNow(request, hook, 'webhook.test', { eventId, event: 'TEST', body, attempt: 1 });
  }

  /** Re-sends the event of a log entry (the same event id, so receivers can de-duplicate). */
  async replay(request: AuditedRequest, id: string, logId: number): Promise<SendResult> {
    const hook = await this.find(id);
    const db = this.ctx.databases.get(hook.database_name);
    const log = await getLog(db, hook.id, logId);
    if (!log) throw new ApiError(404, 'WEBHOOK_LOG_NOT_FOUND', `No log entry ${logId} for this webhook`);
    return this.sendNow(request, hook, 'webhook.replay', { eventId: log.event_id, event: log.event, body: log.request_body, attempt: log.attempt + 1 });
  }
}
