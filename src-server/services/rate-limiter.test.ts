import { expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

it('counts per key in one-minute windows and resets after the window', () => {
  let now = 1_000_000;
  const limiter = new RateLimiter(() => now);
  expect(limiter.hit('a', 2)).toMatchObject({ allowed: true, remaining: 1, reset: 1060 });
  expect(limiter.hit('a', 2)).toMatchObject({ allowed: true, remaining: 0 });
  expect(limiter.hit('a', 2)).toMatchObject({ allowed: false, remaining: 0 });
  expect(limiter.hit('b', 2)).toMatchObject({ allowed: true, remaining: 1 });
  now += 60_000;
  expect(limiter.hit('a', 2)).toMatchObject({ allowed: true, remaining: 1, reset: 1120 });
});
