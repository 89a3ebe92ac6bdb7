// Webhook definitions, the transactional outbox, delivery logs and the capture trigger function (version 30; realtime
// has 31–39 in ./realtime.ts).
import type { Migration } from './core.js';

/**
 * The outbox, the attempt log and the trigger functions. Idempotent: it also runs in a database that did not get
 * Trestle's migrations (the watched table may live in any database the registry serves), see ensureWebhookObjects.
 */
export const OUTBOX_DDL = `
  CREATE SCHEMA IF NOT EXISTS trestle;

  CREATE TABLE IF NOT EXISTS trestle.webhook_events (
    id bigserial PRIMARY KEY,
    event_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    webhook_id uuid NOT NULL,
    event text NOT NULL,
    schema_name text NOT NULL,
    table_name text NOT NULL,
    "row" jsonb,
    old_row jsonb,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
    claimed_until timestamptz,
    last_error text,
    delivered_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS webhook_events_pending_idx ON trestle.webhook_events (webhook_id, id) WHERE status = 'pending';
  CREATE INDEX IF NOT EXISTS webhook_events_retrying_idx ON trestle.webhook_events (webhook_id, id) WHERE status = 'pending' AND attempts > 0;
  CREATE INDEX IF NOT EXISTS webhook_events_webhook_idx ON trestle.webhook_events (webhook_id, status);

  CREATE TABLE IF NOT EXISTS trestle.webhook_logs (
    id bigserial PRIMARY KEY,
    webhook_id uuid NOT NULL,
    event_id uuid,
    event text NOT NULL,
    attempt integer NOT NULL DEFAULT 1,
    success boolean NOT NULL,
    status_code integer,
    latency_ms integer NOT NULL,
    error text,
    request_body text NOT NULL,
    response_body text,
    attempted_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS webhook_logs_webhook_idx ON trestle.webhook_logs (webhook_id, id DESC);

  -- Runs as its owner so that a change made as anon still writes its event; the webhook id is the trigger argument.
  -- NOTIFY serialises the commits of every notifying transaction (a global lock held through the commit), so it is
  -- only sent when the webhook's queue was empty: a worker with pending events keeps draining without being woken.
  CREATE OR REPLACE FUNCTION trestle.webhook_capture() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  DECLARE
    busy boolean;
  BEGIN
    busy := EXISTS (SELECT 1 FROM trestle.webhook_events WHERE webhook_id = TG_ARGV[0]::uuid AND status = 'pending');
    INSERT INTO trestle.webhook_events (webhook_id, event, schema_name, table_name, "row", old_row)
    VALUES (TG_ARGV[0]::uuid, TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME,
      CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
      CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END);
    IF NOT busy THEN
      PERFORM pg_notify('trestle_webhooks', TG_ARGV[0]);
    END IF;
    RETURN NULL;
  END $fn$;
`;

export const webhooksMigrations: Migration[] = [
  {
    version: 30,
    name: 'webhooks and realtime',
    sql: `
      CREATE TABLE trestle.webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL DEFAULT '',
        database_name text NOT NULL,
        table_schema text NOT NULL,
        table_name text NOT NULL,
        events text[] NOT NULL CHECK (cardinality(events) > 0 AND events <@ ARRAY['INSERT', 'UPDATE', 'DELETE']),
        url text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        secret text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      ${OUTBOX_DDL}
    `,
  },
];
