// The background job that drops branches whose TTL has passed. The clock is injectable so tests can move time.
import type { BranchService } from './branch-service.js';

export const EXPIRY_INTERVAL_MS = 60_000;

export class ExpiryJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly branches: BranchService, public clock: () => Date = () => new Date()) {}

  start(intervalMs = EXPIRY_INTERVAL_MS): void {
    this.timer ??= setInterval(() => void this.tick().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** One pass; overlapping passes share the one already running. */
  tick(): Promise<unknown> {
    this.running ??= this.branches.dropExpired(this.clock()).finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
