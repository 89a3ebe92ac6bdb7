import { describe, expect, it } from 'vitest';
import { BUCKET_COUNT, LATENCY_BOUNDS_MS, addHistograms, bucketOf, emptyHistogram, percentile } from './latency-histogram.js';

function histogramOf(samples: number[]): number[] {
  const h = emptyHistogram();
  for (const s of samples) h[bucketOf(s)]++;
  return h;
}

describe('latency histogram', () => {
  it('puts each latency in the first bucket whose bound holds it', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(1)).toBe(0);
    expect(bucketOf(1.01)).toBe(1);
    expect(bucketOf(30000)).toBe(LATENCY_BOUNDS_MS.length - 1);
    expect(bucketOf(30001)).toBe(BUCKET_COUNT - 1);
  });

  it('estimates percentiles within the bucket that holds them', () => {
    const samples = [...Array(90).fill(3), ...Array(10).fill(400)];
    const h = histogramOf(samples);
    const p50 = percentile(h, 0.5, 400)!;
    expect(p50).toBeGreaterThan(2);
    expect(p50).toBeLessThanOrEqual(5);
    const p95 = percentile(h, 0.95, 400)!;
    expect(p95).toBeGreaterThan(250);
    expect(p95).toBeLessThanOrEqual(400);
  });

  it('never reports more than the slowest request seen, including in the open last bucket', () => {
    expect(percentile(histogramOf([45_000, 50_000]), 0.95, 50_000)).toBeLessThanOrEqual(50_000);
    expect(percentile(histogramOf([3, 3, 3]), 0.99, 3)).toBeLessThanOrEqual(3);
  });

  it('is null without observations and adds up element-wise', () => {
    expect(percentile(emptyHistogram(), 0.5, 0)).toBeNull();
    const a = histogramOf([1, 7]);
    const b = histogramOf([7, 700]);
    expect(addHistograms(a, b)).toEqual(histogramOf([1, 7, 7, 700]));
  });
});
