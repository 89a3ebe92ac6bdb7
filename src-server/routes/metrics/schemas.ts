// Request and response schemas of /v1/metrics, /api/metrics and /v1/billing.
import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const MetricsQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30, description: 'Length of the per-day series, ending today (UTC)' })),
  since: Type.Optional(Type.String({ format: 'date', description: 'Count only days from this date (YYYY-MM-DD) in totals, per key and per endpoint' })),
  include_dashboard: Type.Optional(Type.Boolean({ default: true, description: "Count the dashboard's own requests (its polling); false leaves them out" })),
}, { additionalProperties: false });

const CountFields = {
  requests: Type.Number(),
  errors: Type.Number({ description: 'Responses with status ≥ 400' }),
  client_errors: Type.Number({ description: '4xx responses' }),
  server_errors: Type.Number({ description: '5xx responses' }),
  error_rate: Type.Number({ description: 'errors / requests, 0 when there were none' }),
  bytes_in: Type.Number({ description: 'Request bodies (content-length)' }),
  bytes_out: Type.Number({ description: 'Response bodies' }),
  bandwidth_bytes: Type.Number({ description: 'bytes_in + bytes_out' }),
};

export const Counts = Type.Object(CountFields);

export const MetricsResponse = Type.Object({
  since: Type.Union([Type.String({ description: 'First day with recorded traffic' }), Type.Null()]),
  period_start: Type.Union([Type.String(), Type.Null()]),
  generated_at: Type.String(),
  latency_bucket_bounds_ms: Type.Array(Type.Number(), { description: 'Upper bounds of latency_histogram buckets; the last bucket is open' }),
  totals: Counts,
  daily: Type.Array(Type.Object({ day: Type.String(), ...CountFields })),
  by_key: Type.Array(Type.Object({
    caller: Type.String({ description: 'key:<id>, dashboard or none' }),
    kind: Type.Union([Type.Literal('key'), Type.Literal('dashboard'), Type.Literal('none')]),
    key_id: Nullable(Type.String()),
    key_prefix: Nullable(Type.String()),
    label: Nullable(Type.String()),
    key_type: Nullable(Type.String()),
    revoked: Type.Union([Type.Boolean(), Type.Null()]),
    ...CountFields,
  })),
  endpoints: Type.Array(Type.Object({
    endpoint: Type.String({ description: 'Method and route pattern, e.g. GET /v1/db/:table' }),
    method: Type.String(),
    route: Type.String(),
    ...CountFields,
    avg_ms: Type.Union([Type.Number(), Type.Null()]),
    p50_ms: Type.Union([Type.Number(), Type.Null()]),
    p95_ms: Type.Union([Type.Number(), Type.Null()]),
    max_ms: Type.Number(),
    latency_histogram: Type.Array(Type.Number()),
  }), { description: 'Top 50 endpoints by requests' }),
});

export const BillingResponse = Type.Object({
  plan: Type.Object({
    name: Type.Literal('local'),
    description: Type.String(),
    limits: Type.Null({ description: 'No limits on a local install' }),
  }),
  period: Type.Object({ start: Type.String(), end: Type.String() }),
  usage: Counts,
  charges: Type.Object({ total: Type.Number(), currency: Type.String(), items: Type.Array(Type.Unknown()) }),
});
