// Delivery tuning: the production schedule, overridable (tests use millisecond delays).
export interface DeliveryOptions {
  /** Delay after the first failed attempt; doubles after each further failure. */
  retryBaseMs: number;
  /** Upper bound of one delay. */
  retryMaxDelayMs: number;
  /** Attempts before an event is marked failed. */
  maxAttempts: number;
  /** Up to this fraction is added to each delay at random, so retries of many events spread out. */
  jitter: number;
  timeoutMs: number;
  /** How long a claim on events lasts; a crashed worker's claims expire after this. */
  leaseMs: number;
  /** Events claimed at once per webhook (still delivered one at a time, in order); also the most a crash can re-send. */
  batchSize: number;
  /** Safety-net poll for missed notifications and databases other than the listened one. */
  pollMs: number;
}

// 15 s doubling over 8 attempts: 15+30+60+120+240+480+960 s ≈ 32 minutes before an event is marked failed.
export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  retryBaseMs: 15_000,
  retryMaxDelayMs: 60 * 60_000,
  maxAttempts: 8,
  jitter: 0.25,
  timeoutMs: 10_000,
  leaseMs: 15_000,
  batchSize: 25,
  pollMs: 5_000,
};

/** Delay before the next attempt after `attempts` failed ones (1-based); jitter only ever lengthens it. */
export function retryDelay(attempts: number, opts: DeliveryOptions, random: () => number = Math.random): number {
  const base = Math.min(opts.retryBaseMs * 2 ** Math.max(0, attempts - 1), opts.retryMaxDelayMs);
  return Math.round(base * (1 + opts.jitter * random()));
}
