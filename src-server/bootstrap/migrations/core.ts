// Trestle's own schema, versioned: each migration runs once per database, in order, in a transaction.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const coreMigrations: Migration[] = [
  {
    version: 1,
    name: 'core tables',
    sql: `
      CREATE TABLE trestle.settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE trestle.api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key_type text NOT NULL CHECK (key_type IN ('anon', 'service_role')),
        label text NOT NULL DEFAULT '',
        key_prefix text NOT NULL,
        key_hash bytea NOT NULL UNIQUE,
        rate_limit integer NOT NULL DEFAULT 100 CHECK (rate_limit BETWEEN 1 AND 100000),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );

      CREATE TABLE trestle.audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text,
        detail jsonb,
        request_id text
      );
      CREATE INDEX audit_log_at_idx ON trestle.audit_log (at DESC);
      CREATE INDEX audit_log_action_idx ON trestle.audit_log (action, at DESC);
      CREATE INDEX audit_log_resource_idx ON trestle.audit_log (resource_type, at DESC);

      CREATE TABLE trestle.dashboard_sessions (
        token_hash bytea PRIMARY KEY,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );

      CREATE TABLE trestle.project (
        id text PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO trestle.project (id, name) VALUES ('local', 'Local project');

      -- Keys are cached in the API process; tell it when they change, whoever changes them.
      CREATE FUNCTION trestle.notify_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('trestle_keys', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER api_keys_changed AFTER INSERT OR UPDATE OR DELETE ON trestle.api_keys
        FOR EACH STATEMENT EXECUTE FUNCTION trestle.notify_keys_changed();

      REVOKE ALL ON SCHEMA trestle FROM PUBLIC;
    `,
  },
  {
    version: 2,
    name: 'api role grants and auth helpers',
    sql: `
      GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
      GRANT ALL ON ALL TABLES IN SCHEMA public TO anon, authenticated, service_role;
      GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO anon, authenticated, service_role;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO anon, authenticated, service_role;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO anon, authenticated, service_role;

      -- Supabase-style helpers so RLS policies can read the verified JWT.
      CREATE SCHEMA IF NOT EXISTS auth;
      GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
      CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
      $$;
      CREATE OR REPLACE FUNCTION auth.uid() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT nullif(current_setting('request.jwt.sub', true), '')
      $$;
      CREATE OR REPLACE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(auth.jwt() ->> 'role', current_user::text)
      $$;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA auth TO anon, authenticated, service_role;
    `,
  },
  {
    version: 3,
    name: 'key cache ignores usage stamps',
    sql: `
      -- last_used_at is written every few seconds under load; only changes that affect authentication clear the cache.
      DROP TRIGGER api_keys_changed ON trestle.api_keys;
      CREATE TRIGGER api_keys_changed
        AFTER INSERT OR DELETE OR UPDATE OF key_type, key_prefix, key_hash, rate_limit, revoked_at ON trestle.api_keys
        FOR EACH STATEMENT EXECUTE FUNCTION trestle.notify_keys_changed();
    `,
  },
  {
    version: 4,
    name: 'keys without a limit; exposed schemas usable by service_role',
    sql: `
      -- NULL: no rate limit (load tests).
      ALTER TABLE trestle.api_keys ALTER COLUMN rate_limit DROP NOT NULL;

      -- The schemas the data API exposes (TRESTLE_DB_SCHEMAS), written at every start. service_role is not the owner:
      -- it gets USAGE and default privileges in an exposed schema, also when the schema is created later.
      CREATE OR REPLACE FUNCTION trestle.grant_exposed_schema(schema_name text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO service_role', schema_name);
        EXECUTE format('GRANT ALL ON ALL TABLES IN SCHEMA %I TO service_role', schema_name);
        EXECUTE format('GRANT ALL ON ALL SEQUENCES IN SCHEMA %I TO service_role', schema_name);
        EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO service_role', schema_name);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT ALL ON TABLES TO service_role', schema_name);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT ALL ON SEQUENCES TO service_role', schema_name);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT EXECUTE ON FUNCTIONS TO service_role', schema_name);
      END $$;
      CREATE OR REPLACE FUNCTION trestle.on_create_schema() RETURNS event_trigger LANGUAGE plpgsql AS $$
      DECLARE
        created record;
      BEGIN
        FOR created IN
          SELECT n.nspname AS name FROM pg_event_trigger_ddl_commands() c JOIN pg_namespace n ON n.oid = c.objid
           WHERE c.object_type = 'schema'
             AND EXISTS (SELECT 1 FROM trestle.settings s, jsonb_array_elements_text(s.value) e(name)
                          WHERE s.key = 'exposed_schemas' AND e.name = n.nspname)
        LOOP
          PERFORM trestle.grant_exposed_schema(created.name);
        END LOOP;
      END $$;
      DO $$
      BEGIN
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          DROP EVENT TRIGGER IF EXISTS trestle_exposed_schema;
          CREATE EVENT TRIGGER trestle_exposed_schema ON ddl_command_end WHEN TAG IN ('CREATE SCHEMA')
            EXECUTE FUNCTION trestle.on_create_schema();
        END IF;
      END $$;
    `,
  },
];
