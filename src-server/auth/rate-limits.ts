// Brute-force protection: failed password and OTP attempts counted per account and per client IP over a 5-minute
// window; past the limit GoTrue's 429 over_request_rate_limit. Successful attempts cost nothing, so a test suite or
// benchmark signing in thousands of times is never throttled.
import { authError } from './errors.js';

const WINDOW_MS = 5 * 60_000;

export class FailedAttempts {
  private counts = new Map<string, { n: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private entry(key: string) {
    const t = this.now();
    let e = this.counts.get(key);
    if (!e || e.resetAt <= t) {
      e = { n: 0, resetAt: t + WINDOW_MS };
      this.counts.set(key, e);
    }
    return e;
  }

  /** Throws when the account or the IP already used up its failures. */
  check(account: string, ip: string, limits: { perAccount: number; perIp: number }): void {
    if (this.entry(`a:${account.toLowerCase()}`).n >= limits.perAccount || this.entry(`i:${ip}`).n >= limits.perIp) {
      throw authError('over_request_rate_limit', 'Request rate limit reached');
    }
  }

  fail(account: string, ip: string): void {
    this.entry(`a:${account.toLowerCase()}`).n++;
    this.entry(`i:${ip}`).n++;
    if (this.counts.size > 50_000) this.sweep();
  }

  /** A success clears the account's failures (not the IP's). */
  succeed(account: string): void {
    this.counts.delete(`a:${account.toLowerCase()}`);
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.counts) if (e.resetAt <= t) this.counts.delete(k);
  }
}
