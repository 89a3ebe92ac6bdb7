// Fixed one-minute windows per API key, kept in memory (a single local process serves all requests).
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  reset: number;
}

const WINDOW_MS = 60_000;

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  hit(id: string, limit: number): RateDecision {
    const now = this.now();
    let w = this.windows.get(id);
    if (!w || now - w.start >= WINDOW_MS) {
      if (this.windows.size > 10_000) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(id, w);
    }
    w.count++;
    const allowed = w.count <= limit;
    return { allowed, limit, remaining: Math.max(0, limit - w.count), reset: Math.ceil((w.start + WINDOW_MS) / 1000) };
  }

  /** Seconds until the window resets when `id` is already over `limit`, else 0 (does not count a hit). */
  peek(id: string, limit: number): number {
    const w = this.windows.get(id);
    const now = this.now();
    if (!w || now - w.start >= WINDOW_MS || w.count < limit) return 0;
    return Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
  }

  private prune(now: number): void {
    for (const [id, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(id);
  }
}
