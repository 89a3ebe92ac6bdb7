// Internal tables of the management area (versions 20–29): daily usage figures per caller and endpoint.
import type { Migration } from './core.js';

export const managementMigrations: Migration[] = [
  {
    version: 20,
    name: 'usage metrics',
    sql: `
      CREATE TABLE trestle.usage_daily (
        day date NOT NULL,
        caller text NOT NULL,
        endpoint text NOT NULL,
        requests bigint NOT NULL DEFAULT 0,
        client_errors bigint NOT NULL DEFAULT 0,
        server_errors bigint NOT NULL DEFAULT 0,
        bytes_in bigint NOT NULL DEFAULT 0,
        bytes_out bigint NOT NULL DEFAULT 0,
        latency_ms_sum double precision NOT NULL DEFAULT 0,
        latency_ms_max double precision NOT NULL DEFAULT 0,
        latency_histogram bigint[] NOT NULL,
        PRIMARY KEY (day, caller, endpoint)
      );
      COMMENT ON COLUMN trestle.usage_daily.caller IS 'key:<api key id>, dashboard (session) or none (no credentials)';
      COMMENT ON COLUMN trestle.usage_daily.latency_histogram IS 'request counts per latency bucket (bounds in services/latency-histogram.ts)';
    `,
  },
];
