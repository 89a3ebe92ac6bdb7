// Fixed-bucket latency histograms: cheap to add up (per day, per endpoint) and enough for p50/p95 after a restart.

/** Upper bounds (ms) of the buckets; one more bucket holds everything slower than the last bound. */
export const LATENCY_BOUNDS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000] as const;
export const BUCKET_COUNT = LATENCY_BOUNDS_MS.length + 1;

export function emptyHistogram(): number[] {
  return new Array<number>(BUCKET_COUNT).fill(0);
}

export function bucketOf(ms: number): number {
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) if (ms <= LATENCY_BOUNDS_MS[i]) return i;
  return LATENCY_BOUNDS_MS.length;
}

export function addHistograms(a: number[], b: number[]): number[] {
  return a.map((v, i) => v + (b[i] ?? 0));
}

/**
 * The q-quantile (0 < q ≤ 1), interpolated linearly inside its bucket. The open last bucket ends at the largest
 * latency seen (maxMs), so the estimate never exceeds a real observation. Null when there is no observation.
 */
export function percentile(histogram: number[], q: number, maxMs: number): number | null {
  const total = histogram.reduce((s, v) => s + v, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    const count = histogram[i];
    if (count === 0) continue;
    if (seen + count >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      const upper = Math.min(i < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[i] : maxMs, Math.max(maxMs, lower));
      const value = lower + (upper - lower) * ((rank - seen) / count);
      return Math.round(value * 100) / 100;
    }
    seen += count;
  }
  return Math.round(maxMs * 100) / 100;
}
