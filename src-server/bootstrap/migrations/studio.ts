// The SQL studio's own tables (dashboard range 50–59): console run history and saved queries.
import type { Migration } from './core.js';

export const studioMigrations: Migration[] = [
  {
    version: 50,
    name: 'sql studio history and saved queries',
    sql: `
      CREATE TABLE trestle.sql_history (
        id bigserial PRIMARY KEY,
        query_id text NOT NULL,
        sql text NOT NULL,
        status text NOT NULL CHECK (status IN ('success', 'error', 'cancelled')),
        duration_ms integer NOT NULL,
        row_count bigint NOT NULL DEFAULT 0,
        result_count integer NOT NULL DEFAULT 0,
        error text,
        error_code text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sql_history_created_idx ON trestle.sql_history (created_at DESC, id DESC);

      CREATE TABLE trestle.saved_queries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        sql text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX saved_queries_name_idx ON trestle.saved_queries (lower(name));
    `,
  },
];
