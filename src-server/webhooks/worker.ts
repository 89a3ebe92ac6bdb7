// The delivery worker: one lane per webhook, each delivering its events one at a time in order; lanes run
// independently so a slow or failing receiver only holds up its own webhook. NOTIFY wakes a lane, a poll backs it up.
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { deliver } from './delivery.js';
import { retryDelay, type DeliveryOptions } from './options.js';
import { claimHead, eventBody, prune, release, settle, type Settlement } from './outbox.js';
import { listWebhooks, type NewLog, type WebhookRow } from './store.js';

export interface WorkerDeps {
  control: Database;
  databaseFor(name: string): Database;
  log: Logger;
  options: DeliveryOptions;
}

class Lane {
  private wake?: () => void;
  private kicked = false;
  private loop?: Promise<void>;
  retired = false;
  /** Bumped when pending deliveries are cancelled: a run claimed before that stops after its current attempt. */
  epoch = 0;

  constructor(private readonly worker: DeliveryWorker, public hook: WebhookRow) {}

  kick(): void {
    this.kicked = true;
    this.wake?.();
    if (!this.loop && !this.retired && !this.worker.stopped) {
      this.loop = this.run().finally(() => (this.loop = undefined));
    }
  }

  async stop(): Promise<void> {
    this.retired = true;
    this.wake?.();
    await this.loop;
  }

  private get running(): boolean {
    return !this.retired && !this.worker.stopped && this.hook.active;
  }

  private async run(): Promise<void> {
    const { options, log } = this.worker.deps;
    // Writers only NOTIFY when the queue was empty, so an event committed while this lane was draining arrives
    // unannounced: after delivering, look again soon, backing off to the poll interval while nothing comes.
    let idle = 0;
    while (this.running) {
      this.kicked = false;
      let waitMs: number | null;
      try {
        waitMs = await this.step();
      } catch (err) {
        log.warn({ err: (err as Error).message, webhook: this.hook.id }, 'webhook delivery step failed');
        waitMs = options.pollMs;
      }
      if (waitMs === 0) idle = 0;
      if (waitMs === 0 || this.kicked || !this.running) continue;
      const linger = Math.min(20 * 2 ** idle++, options.pollMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(waitMs ?? linger, linger, options.pollMs));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Claims and delivers one run of events; returns how long to wait before the next step (0: go on now). */
  private async step(): Promise<number | null> {
    const { options } = this.worker.deps;
    const db = this.worker.deps.databaseFor(this.hook.database_name);
    const leaseMs = Math.max(options.leaseMs, options.timeoutMs + 2_000);
    const claimedAt = Date.now();
    const epoch = this.epoch;
    const claim = await claimHead(db, this.hook.id, options.batchSize, leaseMs);
    if (claim.kind === 'wait') return claim.waitMs;
    const hook = this.hook;
    const s: Settlement = { delivered: [], released: [], logs: [] };
    const events = claim.events;
    let i = 0;
    for (; i < events.length; i++) {
      // Never start an attempt that could outlive the lease, and stop promptly on shutdown or pause.
      if (i > 0 && (Date.now() + options.timeoutMs + 1_000 > claimedAt + leaseMs || !this.running || this.epoch !== epoch)) break;
      const e = events[i];
      const body = eventBody(e);
      const result = await deliver({
        url: hook.url, headers: hook.headers, secret: hook.secret, eventId: e.event_id, event: e.event, body,
        timeoutMs: options.timeoutMs, signal: this.worker.abort.signal,
      });
      if (this.worker.stopped && !result.success) break; // aborted by shutdown: not an attempt, the event stays pending
      const log: NewLog = { webhook_id: hook.id, event_id: e.event_id, event: e.event, attempt: e.attempts + 1, request_body: body, ...result };
      s.logs.push(log);
      if (result.success) {
        s.delivered.push(e.id);
        continue;
      }
      s.failed = { id: e.id, error: result.error ?? 'failed', delayMs: retryDelay(e.attempts + 1, options), maxAttempts: options.maxAttempts };
      i++;
      break;
    }
    s.released = events.slice(i).map((e) => e.id);
    if (s.logs.length) await settle(db, s);
    else await release(db, s.released);
    return 0;
  }
}

const RETENTION_DAYS = 7;
const PRUNE_EVERY_MS = 60 * 60_000;

export class DeliveryWorker {
  private lanes = new Map<string, Lane>();
  private pruneTimer?: NodeJS.Timeout;
  stopped = false;
  readonly abort = new AbortController();

  constructor(readonly deps: WorkerDeps) {}

  /** Loads the webhooks and starts their lanes; each first looks for whatever is pending. */
  async start(): Promise<void> {
    await this.refresh();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /** Drops old delivered events and logs from every database a webhook watches. */
  async prune(): Promise<void> {
    const databases = new Set([...this.lanes.values()].map((l) => l.hook.database_name));
    for (const name of databases) {
      await prune(this.deps.databaseFor(name), RETENTION_DAYS).catch((err: Error) => this.deps.log.warn({ err: err.message }, 'webhook retention failed'));
    }
  }

  /** Re-reads the definitions after a change: new lanes start, removed ones stop, changed ones pick up the change. */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    const hooks = await listWebhooks(this.deps.control);
    const seen = new Set<string>();
    for (const hook of hooks) {
      seen.add(hook.id);
      let lane = this.lanes.get(hook.id);
      if (!lane) {
        lane = new Lane(this, hook);
        this.lanes.set(hook.id, lane);
      }
      lane.hook = hook;
      lane.kick();
    }
    for (const [id, lane] of this.lanes) {
      if (!seen.has(id)) {
        this.lanes.delete(id);
        void lane.stop(); // an attempt in flight finishes on its own; the caller need not wait for it
      }
    }
  }

  /** Pending deliveries of a webhook were cancelled: its lane stops sending what it had already claimed. */
  interrupt(webhookId: string): void {
    const lane = this.lanes.get(webhookId);
    if (lane) lane.epoch++;
  }

  /** A NOTIFY arrived for this webhook (or for all, after the listener reconnected). */
  kick(webhookId?: string): void {
    if (webhookId === undefined) {
      for (const lane of this.lanes.values()) lane.kick();
      return;
    }
    const lane = this.lanes.get(webhookId);
    if (lane) lane.kick();
    else void this.refresh().catch(() => undefined);
  }

  /** Aborts in-flight attempts (their events stay pending) and waits for the lanes to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.abort.abort();
    await Promise.all([...this.lanes.values()].map((lane) => lane.stop()));
  }
}
