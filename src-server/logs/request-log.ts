// The API request log behind the dashboard's Logs page: a bounded in-memory ring per source (apps, and the
// dashboard's own requests, so its polling never pushes app traffic out), filled cheaply from an onResponse hook.
// Only what is safe to show is kept: the path without its query string (so no apikey parameter), never a header.
import type { RequestLogEntry } from './types.js';

export type { RequestLogEntry, RequestSource } from './types.js';

export type NewRequestLogEntry = Omit<RequestLogEntry, 'id' | 'at'>;

/** As kept: the time as a number (formatting it on every request would cost more than the rest of the entry). */
interface StoredEntry extends NewRequestLogEntry {
  id: number;
  atMs: number;
}

function shown({ atMs, ...e }: StoredEntry): RequestLogEntry {
  return { ...e, at: new Date(atMs).toISOString() };
}

class Ring<T> {
  private items: T[] = [];
  private next = 0;
  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  all(): T[] {
    return this.items.length < this.capacity ? [...this.items] : [...this.items.slice(this.next), ...this.items.slice(0, this.next)];
  }
}

export class RequestLog {
  private seq = 0;
  private rings: Record<RequestLogEntry['source'], Ring<StoredEntry>>;
  private listeners = new Set<(e: RequestLogEntry) => void>();

  constructor(capacity = 1000) {
    this.rings = { app: new Ring(capacity), dashboard: new Ring(capacity) };
  }

  add(e: NewRequestLogEntry): void {
    const entry: StoredEntry = { ...e, id: ++this.seq, atMs: Date.now() };
    this.rings[e.source].push(entry);
    if (this.listeners.size) {
      const visible = shown(entry);
      for (const l of this.listeners) l(visible);
    }
  }

  /** Entries after `after` (oldest first), the dashboard's own only when asked. */
  list(opts: { after?: number; includeDashboard?: boolean; limit?: number } = {}): RequestLogEntry[] {
    const after = opts.after ?? 0;
    const merged = opts.includeDashboard ? [...this.rings.app.all(), ...this.rings.dashboard.all()].sort((a, b) => a.id - b.id) : this.rings.app.all();
    const out = merged.filter((e) => e.id > after);
    return (opts.limit ? out.slice(-opts.limit) : out).map(shown);
  }

  subscribe(fn: (e: RequestLogEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
