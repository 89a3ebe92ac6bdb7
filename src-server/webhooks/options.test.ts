import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_OPTIONS, retryDelay } from './options.js';

describe('retry schedule', () => {
  it('makes at least 6 attempts spread over at least 30 minutes, even with the least jitter', () => {
    const o = DEFAULT_DELIVERY_OPTIONS;
    expect(o.maxAttempts).toBeGreaterThanOrEqual(6);
    // Delays happen between attempts: after attempts 1 … maxAttempts-1.
    const span = (random: () => number) => Array.from({ length: o.maxAttempts - 1 }, (_, i) => retryDelay(i + 1, o, random)).reduce((a, b) => a + b, 0);
    expect(span(() => 0)).toBeGreaterThanOrEqual(30 * 60_000);
    expect(span(() => 0.999)).toBeLessThan(3 * 60 * 60_000);
  });

  it('grows exponentially, with jitter that only lengthens and is capped', () => {
    const o = { ...DEFAULT_DELIVERY_OPTIONS, retryBaseMs: 100, retryMaxDelayMs: 1_000, jitter: 0.5 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, o, () => 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(retryDelay(2, o, () => 1)).toBe(300);
    const seen = new Set(Array.from({ length: 50 }, () => retryDelay(3, o)));
    expect(seen.size).toBeGreaterThan(1);
    for (const d of seen) expect(d >= 400 && d <= 600).toBe(true);
  });
});
