// Admission to a pool that can be paused and drained (a template copy needs a database nobody is connected to).
// Work that arrives during a pause waits. When the drain stops making progress while work waits, the waiting work is
// let in: it may be nested in the running work (a withClient callback calling the same database), which cannot finish
// without it. An AsyncLocalStorage could tell nested work apart, but once one is in use every promise of the process
// pays for propagating async context, and the request path makes dozens of them.
const STALL_MS = 500;

export class DrainGate {
  private inFlight = 0;
  private completed = 0;
  private waiters: Array<() => void> = [];
  private pause?: { released: Promise<void>; release(): void };
  private drained?: () => void;

  get running(): number {
    return this.inFlight;
  }

  /** Admits work: synchronously unless a pause is under way (then a promise that resolves once admitted). */
  enter(): void | Promise<void> {
    if (this.pause === undefined) {
      this.inFlight++;
      return undefined;
    }
    return new Promise<void>((resolve) => this.waiters.push(() => {
      this.inFlight++;
      resolve();
    }));
  }

  leave(): void {
    this.inFlight--;
    this.completed++;
    if (this.inFlight === 0) this.drained?.();
  }

  /** Stops admitting work and waits for what runs; `close` then runs with nothing in flight. Returns the resume. */
  async pauseAndDrain(close: () => Promise<void>): Promise<() => void> {
    while (this.pause) await this.pause.released;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const pause = { released, release };
    this.pause = pause;
    while (this.inFlight > 0) {
      const before = this.completed;
      const drained = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), STALL_MS);
        this.drained = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      this.drained = undefined;
      if (!drained && this.completed === before) this.admitWaiters();
    }
    await close();
    return () => {
      if (this.pause !== pause) return;
      this.pause = undefined;
      this.admitWaiters();
      pause.release();
    };
  }

  private admitWaiters(): void {
    for (const admit of this.waiters.splice(0)) admit();
  }
}
