// Realtime's database objects (versions 31–39 of the webhooks/realtime range): the change capture that follows the
// `supabase_realtime` publication, and the `realtime` schema Supabase apps write policies against.
import type { Migration } from './core.js';

/**
 * The capture, idempotent: it also runs in databases created before it existed (branches copied from an older main),
 * see ensureRealtimeObjects.
 *
 * Which tables emit changes is decided by the publication, as in Supabase: every table listed in
 * pg_publication_tables for `supabase_realtime` carries the row trigger `trestle_realtime`, which writes the row
 * images into an unlogged outbox and wakes the server with a NOTIFY when the outbox was empty. realtime_sync()
 * reconciles the triggers with the publication; an event trigger runs it inside the very transaction of the DDL
 * (`alter publication … add table`, `drop publication; create publication …`), so no change between the DDL and the
 * next write is missed.
 */
export const REALTIME_CAPTURE_DDL = `
  CREATE SCHEMA IF NOT EXISTS trestle;

  CREATE UNLOGGED TABLE IF NOT EXISTS trestle.realtime_changes (
    id bigserial PRIMARY KEY,
    -- 'change': a row of a publication table; 'message': a broadcast inserted into realtime.messages.
    kind text NOT NULL DEFAULT 'change',
    relid oid,
    schema_name text NOT NULL,
    table_name text NOT NULL,
    op text NOT NULL,
    new_row jsonb,
    old_row jsonb,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp()
  );

  -- NOTIFY takes a cluster-wide lock through the commit, so notifying transactions commit one at a time (measured:
  -- 16 writers fall from ~2,100 to ~300 commits/s). Only the first change after the outbox ran empty wakes the server;
  -- while it drains it keeps taking, and it polls briefly after running dry (see ChangeDispatcher).
  CREATE OR REPLACE FUNCTION trestle.realtime_capture() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  DECLARE
    idle boolean := NOT EXISTS (SELECT 1 FROM trestle.realtime_changes);
  BEGIN
    INSERT INTO trestle.realtime_changes (relid, schema_name, table_name, op, new_row, old_row)
    VALUES (TG_RELID, TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP,
      CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
      CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END);
    IF idle THEN
      PERFORM pg_notify('trestle_realtime', '');
    END IF;
    RETURN NULL;
  END $fn$;

  -- Triggers follow the publication: created for its tables (with the operations it publishes), dropped elsewhere.
  CREATE OR REPLACE FUNCTION trestle.realtime_sync() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  DECLARE
    r record;
    capture oid := 'trestle.realtime_capture()'::regprocedure;
  BEGIN
    FOR r IN
      WITH wanted AS (
        SELECT DISTINCT c.oid AS relid,
               (CASE WHEN p.pubinsert THEN 4 ELSE 0 END) | (CASE WHEN p.pubdelete THEN 8 ELSE 0 END)
                 | (CASE WHEN p.pubupdate THEN 16 ELSE 0 END) AS ops
          FROM pg_publication p
          JOIN pg_publication_tables t ON t.pubname = p.pubname
          JOIN pg_namespace n ON n.nspname = t.schemaname
          JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.tablename
         WHERE p.pubname = 'supabase_realtime' AND c.relkind IN ('r', 'p')
           AND n.nspname NOT IN ('trestle', 'pg_catalog', 'information_schema')
      ), have AS (
        SELECT g.tgrelid AS relid, g.tgtype::int & 28 AS ops, g.tgfoid = capture AS current
          FROM pg_trigger g WHERE g.tgname = 'trestle_realtime' AND g.tgparentid = 0
      )
      SELECT coalesce(w.relid, h.relid)::regclass AS rel, w.ops AS want, h.relid IS NOT NULL AS present
        FROM wanted w FULL JOIN have h ON h.relid = w.relid
       WHERE w.relid IS NULL OR h.relid IS NULL OR w.ops <> h.ops OR NOT h.current OR w.ops = 0
    LOOP
      IF r.present THEN
        EXECUTE format('DROP TRIGGER trestle_realtime ON %s', r.rel);
      END IF;
      IF coalesce(r.want, 0) <> 0 THEN
        EXECUTE format('CREATE TRIGGER trestle_realtime AFTER %s ON %s FOR EACH ROW EXECUTE FUNCTION trestle.realtime_capture()',
          array_to_string(array_remove(ARRAY[
            CASE WHEN r.want & 4 <> 0 THEN 'INSERT' END,
            CASE WHEN r.want & 16 <> 0 THEN 'UPDATE' END,
            CASE WHEN r.want & 8 <> 0 THEN 'DELETE' END], NULL), ' OR '),
          r.rel);
      END IF;
    END LOOP;
  END $fn$;
  REVOKE ALL ON FUNCTION trestle.realtime_sync() FROM PUBLIC;

  -- Never fails the user's DDL: at worst a warning, and the server reconciles again when it next looks.
  CREATE OR REPLACE FUNCTION trestle.realtime_on_ddl() RETURNS event_trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  BEGIN
    PERFORM trestle.realtime_sync();
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'Trestle realtime could not follow the supabase_realtime publication: %', SQLERRM;
  END $fn$;

  -- Event triggers need a superuser; without one the server calls realtime_sync() itself (start, subscribe, polling).
  DO $$
  BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
      DROP EVENT TRIGGER IF EXISTS trestle_realtime_publication;
      CREATE EVENT TRIGGER trestle_realtime_publication ON ddl_command_end
        WHEN TAG IN ('CREATE PUBLICATION', 'ALTER PUBLICATION', 'DROP PUBLICATION', 'CREATE TABLE', 'CREATE TABLE AS',
                     'SELECT INTO', 'ALTER TABLE')
        EXECUTE FUNCTION trestle.realtime_on_ddl();
    END IF;
  END $$;

  -- Tables subscribed through the first /api/realtime (a trigger calling trestle.realtime_notify) join the publication.
  DO $$
  DECLARE
    missing text;
  BEGIN
    IF to_regprocedure('trestle.realtime_notify()') IS NULL THEN
      RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgfoid = 'trestle.realtime_notify()'::regprocedure)
       AND NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'supabase_realtime') THEN
      CREATE PUBLICATION supabase_realtime;
    END IF;
    SELECT string_agg(g.tgrelid::regclass::text, ', ') INTO missing
      FROM pg_trigger g
     WHERE g.tgfoid = 'trestle.realtime_notify()'::regprocedure
       AND NOT (SELECT puballtables FROM pg_publication WHERE pubname = 'supabase_realtime')
       AND NOT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
                        WHERE p.pubname = 'supabase_realtime' AND pr.prrelid = g.tgrelid);
    IF missing IS NOT NULL THEN
      EXECUTE format('ALTER PUBLICATION supabase_realtime ADD TABLE %s', missing);
    END IF;
    PERFORM trestle.realtime_sync();
    DROP FUNCTION trestle.realtime_notify();
  END $$;
  SELECT trestle.realtime_sync();
`;

/**
 * What Supabase's Realtime creates in a project database and apps rely on (SUPABASE-DB.md §6): the empty
 * `supabase_realtime` publication, and `realtime.messages` with RLS, on which private channels are authorised and
 * through which `realtime.send()` / `realtime.broadcast_changes()` broadcast from the database.
 */
const REALTIME_SCHEMA_DDL = `
  CREATE SCHEMA IF NOT EXISTS realtime;
  GRANT USAGE ON SCHEMA realtime TO anon, authenticated, service_role;

  CREATE TABLE IF NOT EXISTS realtime.messages (
    topic text NOT NULL,
    extension text NOT NULL,
    payload jsonb,
    event text,
    private boolean DEFAULT false,
    updated_at timestamp without time zone NOT NULL DEFAULT now(),
    inserted_at timestamp without time zone NOT NULL DEFAULT now(),
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    PRIMARY KEY (id, inserted_at)
  );
  CREATE INDEX IF NOT EXISTS messages_inserted_at_topic_index ON realtime.messages (inserted_at DESC, topic);
  ALTER TABLE realtime.messages ENABLE ROW LEVEL SECURITY;
  GRANT SELECT, INSERT, UPDATE ON realtime.messages TO anon, authenticated, service_role;

  CREATE OR REPLACE FUNCTION realtime.topic() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('realtime.topic', true), '')::text
  $$;

  -- SECURITY INVOKER as in Supabase: the caller needs INSERT on realtime.messages and a policy allowing it.
  CREATE OR REPLACE FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean DEFAULT true) RETURNS void
  LANGUAGE plpgsql AS $fn$
  BEGIN
    BEGIN
      PERFORM set_config('realtime.topic', topic, true);
      INSERT INTO realtime.messages (payload, event, topic, private, extension)
      VALUES (payload, event, topic, private, 'broadcast');
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'ErrorSendingBroadcastMessage: %', SQLERRM;
    END;
  END $fn$;

  CREATE OR REPLACE FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text,
    table_schema text, new record, old record, level text DEFAULT 'ROW') RETURNS void
  LANGUAGE plpgsql AS $fn$
  DECLARE
    row_data jsonb := CASE WHEN new IS NULL THEN NULL ELSE to_jsonb(new) END;
    old_data jsonb := CASE WHEN old IS NULL THEN NULL ELSE to_jsonb(old) END;
  BEGIN
    IF level = 'STATEMENT' THEN
      RAISE EXCEPTION 'function can only be triggered for each row, not for each statement';
    END IF;
    PERFORM realtime.send(
      jsonb_build_object('old_record', old_data, 'record', row_data, 'operation', operation, 'table', table_name, 'schema', table_schema),
      event_name, topic_name);
  END $fn$;
  GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA realtime TO anon, authenticated, service_role;

  -- Broadcasts written to realtime.messages reach the channels through the same outbox as table changes.
  CREATE OR REPLACE FUNCTION trestle.realtime_capture_message() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
  DECLARE
    idle boolean;
  BEGIN
    IF NEW.extension = 'broadcast' THEN
      idle := NOT EXISTS (SELECT 1 FROM trestle.realtime_changes);
      INSERT INTO trestle.realtime_changes (kind, schema_name, table_name, op, new_row)
      VALUES ('message', 'realtime', 'messages', 'INSERT', jsonb_build_object(
        'id', NEW.id, 'topic', NEW.topic, 'event', NEW.event, 'payload', NEW.payload, 'private', coalesce(NEW.private, false)));
      IF idle THEN
        PERFORM pg_notify('trestle_realtime', '');
      END IF;
    END IF;
    RETURN NULL;
  END $fn$;
  DROP TRIGGER IF EXISTS trestle_realtime_messages ON realtime.messages;
  CREATE TRIGGER trestle_realtime_messages AFTER INSERT ON realtime.messages
    FOR EACH ROW EXECUTE FUNCTION trestle.realtime_capture_message();

  DO $$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'supabase_realtime') THEN
      CREATE PUBLICATION supabase_realtime;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'supabase_realtime_admin') THEN
      GRANT USAGE ON SCHEMA realtime TO supabase_realtime_admin;
      GRANT ALL ON realtime.messages TO supabase_realtime_admin;
    END IF;
  END $$;
`;

export const realtimeMigrations: Migration[] = [
  { version: 31, name: 'realtime capture follows the supabase_realtime publication', sql: REALTIME_CAPTURE_DDL },
  { version: 32, name: 'realtime schema: messages, topic(), send(), broadcast_changes()', sql: REALTIME_SCHEMA_DDL },
];

/** Both, for a database that missed the migrations (see ensureRealtimeObjects). */
export const REALTIME_DDL = REALTIME_CAPTURE_DDL + REALTIME_SCHEMA_DDL;
