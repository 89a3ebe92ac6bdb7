// Reads the usage figures back from trestle.usage_daily: totals, per day, per key, top endpoints with latency percentiles.
import type { Database } from '../../db/database.js';
import { addHistograms, emptyHistogram, LATENCY_BOUNDS_MS, percentile } from '../../services/latency-histogram.js';

export interface MetricsQuery {
  /** Length of the per-day series, ending today (UTC). */
  days: number;
  /** Only count days from this date on (YYYY-MM-DD) in totals, per-key and per-endpoint figures. */
  since?: string;
  /** Count the dashboard's own requests (its polling) too; default true. */
  include_dashboard?: boolean;
}

interface Counts {
  requests: number;
  client_errors: number;
  server_errors: number;
  bytes_in: number;
  bytes_out: number;
}

const COUNTS = `sum(requests)::float8 AS requests, sum(client_errors)::float8 AS client_errors,
  sum(server_errors)::float8 AS server_errors, sum(bytes_in)::float8 AS bytes_in, sum(bytes_out)::float8 AS bytes_out`;

const TOP_ENDPOINTS = 50;
/** $2: whether the dashboard's own requests count. */
const CALLERS = `($2::boolean OR caller <> 'dashboard')`;

function withRates<T extends Counts>(c: T) {
  const requests = Number(c.requests ?? 0);
  const errors = Number(c.client_errors ?? 0) + Number(c.server_errors ?? 0);
  return {
    ...c,
    requests,
    client_errors: Number(c.client_errors ?? 0),
    server_errors: Number(c.server_errors ?? 0),
    errors,
    error_rate: requests ? Math.round((errors / requests) * 10000) / 10000 : 0,
    bytes_in: Number(c.bytes_in ?? 0),
    bytes_out: Number(c.bytes_out ?? 0),
    bandwidth_bytes: Number(c.bytes_in ?? 0) + Number(c.bytes_out ?? 0),
  };
}

export async function readMetrics(db: Database, q: MetricsQuery) {
  const since = q.since ?? null;
  const all = q.include_dashboard ?? true;
  const [totals, first, daily, keys, endpoints] = await Promise.all([
    db.query<Counts>(`SELECT ${COUNTS} FROM trestle.usage_daily WHERE ($1::date IS NULL OR day >= $1::date) AND ${CALLERS}`, [since, all]),
    db.query<{ first_day: string | null }>(`SELECT min(day)::text AS first_day FROM trestle.usage_daily`),
    db.query<Counts & { day: string }>(
      `SELECT d.day::date::text AS day, ${COUNTS}
       FROM generate_series((now() AT TIME ZONE 'utc')::date - ($1::int - 1), (now() AT TIME ZONE 'utc')::date, interval '1 day') AS d(day)
       LEFT JOIN trestle.usage_daily u ON u.day = d.day::date AND ($2::boolean OR u.caller <> 'dashboard')
       GROUP BY d.day ORDER BY d.day`, [q.days, all]),
    db.query<Counts & { caller: string; key_id: string | null; key_prefix: string | null; label: string | null; key_type: string | null; revoked: boolean | null }>(
      `SELECT u.caller, k.id::text AS key_id, k.key_prefix, k.label, k.key_type, (k.revoked_at IS NOT NULL) AS revoked, ${COUNTS}
       FROM trestle.usage_daily u
       LEFT JOIN trestle.api_keys k ON u.caller = 'key:' || k.id::text
       WHERE ($1::date IS NULL OR u.day >= $1::date) AND ($2::boolean OR u.caller <> 'dashboard')
       GROUP BY u.caller, k.id ORDER BY sum(u.requests) DESC, u.caller`, [since, all]),
    db.query<Counts & { endpoint: string; latency_ms_sum: number; latency_ms_max: number; histogram: string[] }>(
      `WITH top AS (
         SELECT endpoint, ${COUNTS}, sum(latency_ms_sum) AS latency_ms_sum, max(latency_ms_max) AS latency_ms_max
         FROM trestle.usage_daily WHERE ($1::date IS NULL OR day >= $1::date) AND ${CALLERS}
         GROUP BY endpoint ORDER BY sum(requests) DESC, endpoint LIMIT ${TOP_ENDPOINTS}
       )
       SELECT top.*, (SELECT array_agg(s.total::text ORDER BY s.i) FROM (
           SELECT h.i, sum(h.v) AS total FROM trestle.usage_daily u, unnest(u.latency_histogram) WITH ORDINALITY AS h(v, i)
           WHERE u.endpoint = top.endpoint AND ($1::date IS NULL OR u.day >= $1::date) AND ($2::boolean OR u.caller <> 'dashboard') GROUP BY h.i) s) AS histogram
       FROM top ORDER BY top.requests DESC, top.endpoint`, [since, all]),
  ]);

  return {
    since: first.rows[0].first_day,
    period_start: since,
    generated_at: new Date().toISOString(),
    latency_bucket_bounds_ms: [...LATENCY_BOUNDS_MS],
    totals: withRates(totals.rows[0]),
    daily: daily.rows.map((r) => ({ ...withRates(r), day: r.day })),
    by_key: keys.rows.map((r) => ({
      ...withRates(r),
      caller: r.caller,
      kind: r.caller.startsWith('key:') ? 'key' as const : r.caller === 'dashboard' ? 'dashboard' as const : 'none' as const,
      key_id: r.key_id, key_prefix: r.key_prefix, label: r.label, key_type: r.key_type, revoked: r.revoked ?? null,
    })),
    endpoints: endpoints.rows.map((r) => {
      const histogram = addHistograms(emptyHistogram(), (r.histogram ?? []).map(Number));
      const requests = Number(r.requests);
      const max = Number(r.latency_ms_max);
      const space = r.endpoint.indexOf(' ');
      return {
        ...withRates(r),
        endpoint: r.endpoint,
        method: r.endpoint.slice(0, space),
        route: r.endpoint.slice(space + 1),
        avg_ms: requests ? Math.round((Number(r.latency_ms_sum) / requests) * 100) / 100 : null,
        p50_ms: percentile(histogram, 0.5, max),
        p95_ms: percentile(histogram, 0.95, max),
        max_ms: Math.round(max * 100) / 100,
        latency_histogram: histogram,
      };
    }),
  };
}

/** Requests and bandwidth of the current calendar month (UTC), for /v1/billing. */
export async function monthUsage(db: Database) {
  const { rows } = await db.query<Counts & { start: string; end: string }>(
    `SELECT date_trunc('month', now() AT TIME ZONE 'utc')::date::text AS start,
            (date_trunc('month', now() AT TIME ZONE 'utc') + interval '1 month' - interval '1 day')::date::text AS "end", ${COUNTS}
     FROM trestle.usage_daily WHERE day >= date_trunc('month', now() AT TIME ZONE 'utc')::date`,
  );
  const r = rows[0];
  return { period: { start: r.start, end: r.end }, usage: withRates(r) };
}
