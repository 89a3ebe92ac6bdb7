import { describe, expect, it } from 'vitest';
import { DrainGate } from './drain-gate.js';

/** Runs fn as admitted work (the way Database does: enter, run, leave). */
async function admitted<T>(gate: DrainGate, fn: () => Promise<T>): Promise<T> {
  const entering = gate.enter();
  if (entering) await entering;
  try {
    return await fn();
  } finally {
    gate.leave();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DrainGate', () => {
  it('admits work synchronously when no pause is under way', () => {
    const gate = new DrainGate();
    expect(gate.enter()).toBeUndefined();
    expect(gate.running).toBe(1);
    gate.leave();
    expect(gate.running).toBe(0);
  });

  it('closes only after the work in flight is done, and holds new work until resumed', async () => {
    const gate = new DrainGate();
    const events: string[] = [];
    const first = admitted(gate, async () => {
      await sleep(100);
      events.push('first done');
    });
    const resume = await gate.pauseAndDrain(async () => {
      expect(gate.running).toBe(0);
      events.push('closed');
    });
    const later = admitted(gate, async () => void events.push('later ran'));
    await sleep(50);
    expect(events).toEqual(['first done', 'closed']);
    resume();
    await later;
    await first;
    expect(events).toEqual(['first done', 'closed', 'later ran']);
  });

  it('does not deadlock on work nested in the work it waits for, and still closes with nothing in flight', async () => {
    const gate = new DrainGate();
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    // Outer work that, once the pause has begun, needs more work on the same gate before it can finish.
    const outer = admitted(gate, async () => {
      await paused;
      return admitted(gate, async () => {
        await sleep(20);
        return 'inner';
      });
    });
    let runningAtClose = -1;
    const draining = gate.pauseAndDrain(async () => void (runningAtClose = gate.running));
    release();
    const started = Date.now();
    const resume = await draining;
    expect(await outer).toBe('inner');
    expect(runningAtClose).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
    resume();
  });

  it('serialises overlapping pauses; a resume called twice is harmless', async () => {
    const gate = new DrainGate();
    const order: string[] = [];
    const resumeA = await gate.pauseAndDrain(async () => void order.push('close A'));
    const b = gate.pauseAndDrain(async () => void order.push('close B'));
    const work = admitted(gate, async () => void order.push('work'));
    await sleep(20);
    expect(order).toEqual(['close A']);
    resumeA();
    resumeA();
    const resumeB = await b;
    // Work waiting when A resumed ran before B's close (B waited for it to finish).
    await work;
    expect(order).toEqual(['close A', 'work', 'close B']);
    const after = admitted(gate, async () => void order.push('after B'));
    await sleep(20);
    expect(order).not.toContain('after B');
    resumeB();
    await after;
    expect(order.at(-1)).toBe('after B');
  });
});
