// Deletes blobs no database references any more (after deletes, overwrites, dropped branches and backups, and
// uploads a crash cut short). Runs one at a time with the template copier, so no branch or backup is being copied
// while references are read. A blob an upload has published but not yet committed is held and never swept.
import type { Logger } from 'pino';
import type { TrestleContext } from '../context.js';
import { templateCopier } from '../branches/template-copy.js';
import type { BlobStore } from './blob-store.js';
import { BlobReferences } from './blob-references.js';

export interface SweepResult {
  removed: number;
  kept: number;
}

export class BlobSweeper {
  private readonly held = new Set<string>();
  /** Blobs held at any moment since the running sweep began: their rows may have committed after it read references. */
  private seen = new Set<string>();
  private readonly references: BlobReferences;
  private timer?: NodeJS.Timeout;
  private running?: Promise<SweepResult>;
  private again = false;
  private stopped = false;

  constructor(private readonly ctx: TrestleContext, private readonly blobs: BlobStore, private readonly log: Logger, private readonly delayMs = 2_000) {
    this.references = new BlobReferences(ctx);
  }

  hold(id: string): void {
    this.held.add(id);
    this.seen.add(id);
  }

  release(id: string): void {
    this.held.delete(id);
  }

  /** A sweep soon (debounced): after deletes and overwrites. */
  schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sweep().catch((err: Error) => this.log.warn({ err: err.message }, 'storage sweep failed; unreferenced blobs stay until the next one'));
    }, this.delayMs);
    this.timer.unref();
  }

  /** Runs a sweep now (joining one that is running, and running once more after it if asked meanwhile). */
  async sweep(): Promise<SweepResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = templateCopier(this.ctx).serialize(() => this.sweepOnce());
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.schedule();
      }
    }
  }

  private async sweepOnce(): Promise<SweepResult> {
    this.seen = new Set(this.held);
    const onDisk: string[] = [];
    for await (const id of this.blobs.list()) onDisk.push(id);
    if (onDisk.length === 0) return { removed: 0, kept: 0 };
    const refs = await this.references.collect();
    let removed = 0;
    for (const id of onDisk) {
      if (refs.has(id) || this.held.has(id) || this.seen.has(id)) continue;
      await this.blobs.remove(id);
      removed++;
    }
    if (removed) this.log.info({ removed, kept: onDisk.length - removed }, 'storage: unreferenced blobs removed');
    return { removed, kept: onDisk.length - removed };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
