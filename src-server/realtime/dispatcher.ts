// The one change source both protocols share: NOTIFY wakes it, it takes batches out of the active database's outbox
// (with the catalog facts to judge them), has the visibility of each batch checked once per audience, and hands
// every subscriber the changes it may see, in capture order.
import type { TrestleContext } from '../context.js';
import { discardStale, takeBatch, type ChangeBatch } from './change-batch.js';
import type { Audience, ChangeSubscriber, MessageChange, RowChange } from './types.js';
import { VisibilityChecker } from './visibility.js';

export const REALTIME_CHANNEL = 'trestle_realtime';
/**
 * Writers only NOTIFY when the outbox was empty (NOTIFY serialises commits), so a change committed just as a drain
 * found the outbox empty wakes nobody: a short re-check after each drain and a steady poll bound how long it waits.
 */
const RECHECK_MS = 10;
const POLL_MS = 100;
const IDLE_POLL_MS = 1_000;

export interface DispatchHooks {
  /** Every row change, before visibility (the dashboard's event log). */
  onChange(change: RowChange): void;
  /** A broadcast from the database (realtime.messages). */
  onMessage(message: MessageChange): void;
}

export class ChangeDispatcher {
  private subscribers = new Set<ChangeSubscriber>();
  private readonly checker: VisibilityChecker;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  /** Set while another database becomes active: nothing is taken from it before its stale changes are dropped. */
  private held = false;
  private pollTimer?: NodeJS.Timeout;
  private lastPoll = 0;
  received = 0;
  delivered = 0;
  /** Visibility checks run (one per batch with interested subscribers) and their total time, for the status. */
  checks = 0;
  checkMs = 0;

  constructor(private readonly ctx: TrestleContext, private readonly hooks: DispatchHooks) {
    this.checker = new VisibilityChecker(() => ctx.databases.activeApi, ctx.log);
  }

  add(subscriber: ChangeSubscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: ChangeSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  start(): void {
    this.pollTimer = setInterval(() => {
      const now = Date.now();
      if (this.subscribers.size === 0 && now - this.lastPoll < IDLE_POLL_MS) return;
      this.lastPoll = now;
      this.kick();
    }, POLL_MS);
    this.pollTimer.unref();
  }

  /** After (re)connecting to a database: old captures are dropped (see discardStale), recent ones delivered. */
  async caughtUp(activatedAt?: Date): Promise<void> {
    await discardStale(this.ctx.databases.active, activatedAt).catch((err: Error) => this.ctx.log.warn({ err: err.message }, 'realtime: could not clear old changes'));
    this.held = false;
    this.kick();
  }

  hold(): void {
    this.held = true;
  }

  /** Drain the outbox now (or again right after the drain in progress). */
  kick(): void {
    if (this.stopped || this.held) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /**
   * Batch after batch until the outbox is empty, as a two-stage pipeline: while one batch is delivered (here), the
   * next is taken and checked (in Postgres). Deliveries stay in capture order.
   */
  private async drain(): Promise<void> {
    let delivered: Promise<void> = Promise.resolve();
    try {
      let took = false;
      for (;;) {
        const batch = await takeBatch(this.ctx.databases.active);
        if (!batch) break;
        took = true;
        const prepared = this.prepare(batch);
        prepared.catch(() => undefined);
        // At most one batch waits for delivery while the next is checked.
        const previous = delivered;
        delivered = Promise.all([previous, prepared]).then(([, deliver]) => deliver());
        await previous;
      }
      await delivered;
      if (took) setTimeout(() => this.kick(), RECHECK_MS).unref();
    } catch (err) {
      await delivered.catch(() => undefined);
      this.ctx.log.warn({ err: (err as Error).message }, 'realtime: could not read captured changes');
    }
  }

  /** Checks the batch's row changes; the returned function delivers everything in order. */
  private async prepare(batch: ChangeBatch): Promise<() => void> {
    const steps: Array<() => void> = [];
    let run: RowChange[] = [];
    const flush = async () => {
      if (run.length) steps.push(await this.judgeRows(run, batch));
      run = [];
    };
    for (const change of batch.changes) {
      if (change.kind === 'message') {
        await flush();
        steps.push(() => this.hooks.onMessage(change));
      } else {
        this.received++;
        this.hooks.onChange(change);
        run.push(change);
      }
    }
    await flush();
    return () => steps.forEach((step) => step());
  }

  private async judgeRows(changes: RowChange[], batch: ChangeBatch): Promise<() => void> {
    const nothing = () => undefined;
    if (this.subscribers.size === 0) return nothing;
    const interested = new Map<number, Array<{ subscriber: ChangeSubscriber; audience: Audience }>>();
    const audiences = new Map<number, Map<string, Audience>>();
    for (const subscriber of this.subscribers) {
      const audience = subscriber.audience();
      if (!audience) continue;
      for (const change of changes) {
        if (!subscriber.wants(change)) continue;
        let list = interested.get(change.id);
        if (!list) interested.set(change.id, (list = []));
        list.push({ subscriber, audience });
        let forTable = audiences.get(change.relid);
        if (!forTable) audiences.set(change.relid, (forTable = new Map()));
        forTable.set(audience.key, audience);
      }
    }
    if (interested.size === 0) return nothing;
    const started = performance.now();
    const views = await this.checker.judge(changes, batch.tables, audiences);
    this.checks++;
    this.checkMs += performance.now() - started;
    return () => {
      for (const change of changes) {
        const byAudience = views.get(change.id);
        if (!byAudience) continue;
        for (const { subscriber, audience } of interested.get(change.id) ?? []) {
          const view = byAudience.get(audience.key);
          // The identity may have changed (token refresh, expiry) while the batch was being checked.
          if (!view || subscriber.audience()?.key !== audience.key || !this.subscribers.has(subscriber)) continue;
          if (subscriber.deliver(change, view)) this.delivered++;
        }
      }
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.running;
  }
}
