// Aggregates request figures in memory (per UTC day, caller and endpoint) and flushes them to trestle.usage_daily
// in one statement every few seconds, so the request path never waits for a database write.
import type { Database } from '../db/database.js';
import { bucketOf, emptyHistogram } from './latency-histogram.js';

export interface UsageSample {
  /** 'key:<uuid>', 'dashboard' or 'none'. */
  caller: string;
  /** Method and route pattern, e.g. 'GET /v1/db/:table'. */
  endpoint: string;
  status: number;
  bytesIn: number;
  bytesOut: number;
  latencyMs: number;
  at?: Date;
}

interface Bucket {
  day: string;
  caller: string;
  endpoint: string;
  requests: number;
  client_errors: number;
  server_errors: number;
  bytes_in: number;
  bytes_out: number;
  latency_ms_sum: number;
  latency_ms_max: number;
  latency_histogram: number[];
}

const FLUSH_SQL = `
  INSERT INTO trestle.usage_daily AS u (day, caller, endpoint, requests, client_errors, server_errors, bytes_in, bytes_out,
                                        latency_ms_sum, latency_ms_max, latency_histogram)
  SELECT day, caller, endpoint, requests, client_errors, server_errors, bytes_in, bytes_out, latency_ms_sum, latency_ms_max, latency_histogram
  FROM jsonb_to_recordset($1::jsonb) AS r(day date, caller text, endpoint text, requests bigint, client_errors bigint,
       server_errors bigint, bytes_in bigint, bytes_out bigint, latency_ms_sum float8, latency_ms_max float8, latency_histogram bigint[])
  ON CONFLICT (day, caller, endpoint) DO UPDATE SET
    requests = u.requests + excluded.requests,
    client_errors = u.client_errors + excluded.client_errors,
    server_errors = u.server_errors + excluded.server_errors,
    bytes_in = u.bytes_in + excluded.bytes_in,
    bytes_out = u.bytes_out + excluded.bytes_out,
    latency_ms_sum = u.latency_ms_sum + excluded.latency_ms_sum,
    latency_ms_max = greatest(u.latency_ms_max, excluded.latency_ms_max),
    latency_histogram = ARRAY(
      SELECT coalesce(h.a, 0) + coalesce(h.b, 0)
      FROM unnest(u.latency_histogram, excluded.latency_histogram) WITH ORDINALITY AS h(a, b, i) ORDER BY h.i)`;

export class UsageCollector {
  private pending = new Map<string, Bucket>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  private day = { from: 0, until: 0, name: '' };

  constructor(private readonly db: Database) {}

  /** The UTC day of a time, cached for the current day (formatting a date per request is the costly part). */
  private dayOf(ms: number): string {
    if (ms >= this.day.from && ms < this.day.until) return this.day.name;
    const from = ms - (ms % 86_400_000);
    this.day = { from, until: from + 86_400_000, name: new Date(from).toISOString().slice(0, 10) };
    return this.day.name;
  }

  record(s: UsageSample): void {
    const day = this.dayOf(s.at ? s.at.getTime() : Date.now());
    const id = `${day}\u0000${s.caller}\u0000${s.endpoint}`;
    let b = this.pending.get(id);
    if (!b) {
      b = {
        day, caller: s.caller, endpoint: s.endpoint, requests: 0, client_errors: 0, server_errors: 0, bytes_in: 0,
        bytes_out: 0, latency_ms_sum: 0, latency_ms_max: 0, latency_histogram: emptyHistogram(),
      };
      this.pending.set(id, b);
    }
    b.requests++;
    if (s.status >= 500) b.server_errors++;
    else if (s.status >= 400) b.client_errors++;
    b.bytes_in += s.bytesIn;
    b.bytes_out += s.bytesOut;
    b.latency_ms_sum += s.latencyMs;
    b.latency_ms_max = Math.max(b.latency_ms_max, s.latencyMs);
    b.latency_histogram[bucketOf(s.latencyMs)]++;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  start(intervalMs = 5_000): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** Writes what has accumulated; flushes are serialised, and a failed batch is kept for the next attempt. */
  flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => undefined).then(() => this.flushOnce());
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.db.query(FLUSH_SQL, [JSON.stringify([...batch.values()])]);
    } catch (err) {
      for (const [id, b] of batch) {
        const newer = this.pending.get(id);
        this.pending.set(id, newer ? merge(b, newer) : b);
      }
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}

function merge(a: Bucket, b: Bucket): Bucket {
  return {
    ...a,
    requests: a.requests + b.requests,
    client_errors: a.client_errors + b.client_errors,
    server_errors: a.server_errors + b.server_errors,
    bytes_in: a.bytes_in + b.bytes_in,
    bytes_out: a.bytes_out + b.bytes_out,
    latency_ms_sum: a.latency_ms_sum + b.latency_ms_sum,
    latency_ms_max: Math.max(a.latency_ms_max, b.latency_ms_max),
    latency_histogram: a.latency_histogram.map((v, i) => v + b.latency_histogram[i]),
  };
}
