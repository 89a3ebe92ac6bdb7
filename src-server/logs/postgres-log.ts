// The embedded cluster's server log (<data dir>/logs/postgres.log, written by postgres/cluster.ts), parsed into
// entries: errors, warnings and slow statements (log_min_duration_statement) with their STATEMENT/DETAIL/HINT
// lines attached. Followed by polling the file size while someone watches.
import fs from 'node:fs/promises';
import type { PostgresLogEntry, PostgresLogKind } from './types.js';

export type { PostgresLogEntry, PostgresLogKind } from './types.js';

// log_line_prefix '%m [%p] ': "2026-01-02 03:04:05.678 UTC [1234] ERROR:  message"
const LINE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: [A-Za-z0-9+:-]+)?) \[(\d+)\] ([A-Z]+): {2}([\s\S]*)$/;
const ATTACHED = new Set(['STATEMENT', 'DETAIL', 'HINT', 'CONTEXT', 'QUERY', 'LOCATION']);
const SLOW = /^duration: ([\d.]+) ms\s+(?:statement|execute [^:]*|parse [^:]*|bind [^:]*): ([\s\S]*)$/;

function kindOf(level: string, message: string): PostgresLogKind {
  if (level === 'ERROR' || level === 'FATAL' || level === 'PANIC') return 'error';
  if (level === 'WARNING') return 'warning';
  if (level === 'LOG' && SLOW.test(message)) return 'slow';
  return 'info';
}

/** Parses log text; ids continue from `firstId`. A trailing partial line is left for the next read. */
export function parsePostgresLog(text: string, firstId = 1): { entries: PostgresLogEntry[]; rest: string } {
  const end = text.lastIndexOf('\n');
  const complete = end < 0 ? '' : text.slice(0, end);
  const rest = end < 0 ? text : text.slice(end + 1);
  const entries: PostgresLogEntry[] = [];
  let last: PostgresLogEntry | null = null;
  let lastField: 'message' | 'statement' | 'detail' | 'hint' | null = null;
  for (const line of complete.split('\n')) {
    const m = LINE.exec(line);
    if (!m) {
      if (last && lastField && line.length) last[lastField] = `${last[lastField] ?? ''}\n${line.replace(/^\t/, '')}`;
      continue;
    }
    const [, at, pid, level, message] = m;
    if (ATTACHED.has(level) && last && last.pid === Number(pid)) {
      const field = level === 'STATEMENT' || level === 'QUERY' ? 'statement' : level === 'HINT' ? 'hint' : level === 'DETAIL' ? 'detail' : null;
      if (field) {
        last[field] = message;
        lastField = field;
      } else lastField = null;
      continue;
    }
    const slow = level === 'LOG' ? SLOW.exec(message) : null;
    last = {
      id: firstId + entries.length, at, pid: Number(pid), level, kind: kindOf(level, message),
      message: slow ? `duration: ${slow[1]} ms` : message, statement: slow ? slow[2] : null, detail: null, hint: null,
      duration_ms: slow ? Number(slow[1]) : null,
    };
    lastField = slow ? 'statement' : 'message';
    entries.push(last);
  }
  return { entries, rest };
}

const TAIL_BYTES = 512 * 1024;
const KEEP = 2000;

/** The log file, read from its tail and followed while there are listeners. */
export class PostgresLog {
  private entries: PostgresLogEntry[] = [];
  private offset = 0;
  private partial = '';
  private nextId = 1;
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;
  private listeners = new Set<(e: PostgresLogEntry) => void>();

  constructor(readonly file: string, private readonly pollMs = 500) {}

  /** Reads what was appended since the last read (the last 512 KB on the first read). */
  refresh(): Promise<void> {
    this.reading ??= this.readNew().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readNew(): Promise<void> {
    const stat = await fs.stat(this.file).catch(() => null);
    if (!stat) return;
    if (stat.size < this.offset) this.offset = 0; // truncated or replaced
    if (this.offset === 0 && stat.size > TAIL_BYTES) this.offset = stat.size - TAIL_BYTES;
    if (stat.size === this.offset) return;
    const handle = await fs.open(this.file, 'r');
    try {
      const length = stat.size - this.offset;
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, this.offset);
      this.offset = stat.size;
      const { entries, rest } = parsePostgresLog(this.partial + buffer.toString('utf8'), this.nextId);
      this.partial = rest.length > 64 * 1024 ? '' : rest;
      this.nextId += entries.length;
      this.entries = [...this.entries, ...entries].slice(-KEEP);
      for (const e of entries) for (const l of this.listeners) l(e);
    } finally {
      await handle.close();
    }
  }

  async list(after = 0): Promise<PostgresLogEntry[]> {
    await this.refresh();
    return this.entries.filter((e) => e.id > after);
  }

  subscribe(fn: (e: PostgresLogEntry) => void): () => void {
    this.listeners.add(fn);
    if (!this.timer) {
      this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.pollMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }
}
