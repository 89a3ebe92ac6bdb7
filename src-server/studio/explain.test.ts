import { describe, expect, it } from 'vitest';
import { flattenPlan } from './explain.js';

const sum = (xs: Array<number | null>) => Math.round(xs.reduce<number>((s, x) => s + (x ?? 0), 0) * 1000) / 1000;

describe('flattenPlan', () => {
  it('with ANALYZE, node self times add up to the root time, also across parallel workers and loops', () => {
    // Finalize Aggregate ← Gather (2 workers) ← Partial Aggregate ← Parallel Seq Scan: per-loop averages over 3 processes.
    const plan = {
      'Node Type': 'Aggregate', 'Total Cost': 100, 'Plan Rows': 1, 'Actual Total Time': 60, 'Actual Loops': 1,
      Plans: [{
        'Node Type': 'Gather', 'Total Cost': 90, 'Plan Rows': 3, 'Actual Total Time': 58, 'Actual Loops': 1, 'Workers Launched': 2,
        Plans: [{
          'Node Type': 'Aggregate', 'Total Cost': 80, 'Plan Rows': 1, 'Actual Total Time': 50, 'Actual Loops': 3,
          Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'big', 'Total Cost': 70, 'Plan Rows': 1000, 'Actual Total Time': 40, 'Actual Loops': 3 }],
        }],
      }],
    };
    const nodes = flattenPlan(plan, true);
    expect(nodes.map((n) => n.actual_total_ms)).toEqual([60, 58, 50, 40]);
    expect(nodes.map((n) => n.exclusive_ms)).toEqual([2, 8, 10, 40]);
    expect(sum(nodes.map((n) => n.exclusive_ms))).toBe(nodes[0].actual_total_ms);
    expect(sum(nodes.map((n) => n.share))).toBeCloseTo(1, 2);
  });

  it('a nested loop inner side counts all its loops', () => {
    const plan = {
      'Node Type': 'Nested Loop', 'Total Cost': 50, 'Plan Rows': 10, 'Actual Total Time': 12, 'Actual Loops': 1,
      Plans: [
        { 'Node Type': 'Seq Scan', 'Total Cost': 5, 'Plan Rows': 10, 'Actual Total Time': 1, 'Actual Loops': 1 },
        { 'Node Type': 'Index Scan', 'Total Cost': 4, 'Plan Rows': 1, 'Actual Total Time': 0.5, 'Actual Loops': 10 },
      ],
    };
    const nodes = flattenPlan(plan, true);
    expect(nodes.map((n) => n.exclusive_ms)).toEqual([6, 1, 5]);
    expect(sum(nodes.map((n) => n.exclusive_ms))).toBe(12);
  });
});
