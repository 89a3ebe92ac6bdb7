// The auth module's schema (versions 60–69): Supabase's `extensions` schema, GoTrue's `auth` tables and helpers with
// GoTrue's column names and ownership, and Trestle's local inbox. Tables live in the project database, so a branch
// (a template copy) and a backup carry the users like any other data.
import type { Migration } from './core.js';

const EXTENSIONS = `
  CREATE SCHEMA IF NOT EXISTS extensions;
  -- Grantees in name order throughout: the order a dump re-grants them in, so a restored ACL reads the same.
  GRANT USAGE ON SCHEMA extensions TO anon, authenticated, dashboard_user, service_role;
  GRANT CREATE ON SCHEMA extensions TO dashboard_user;
  CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
  CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;
  -- As Supabase's postgres role: unqualified uuid_generate_v4(), crypt(), gen_salt() resolve from seeds and migrations.
  -- Role settings are cluster-wide: another database's bootstrap may be setting it at this moment (same value).
  DO $$ BEGIN
    EXECUTE format('ALTER ROLE %I SET search_path = "$user", public, extensions', current_user);
  EXCEPTION WHEN unique_violation OR internal_error THEN
    RAISE NOTICE 'search_path of % set concurrently by another bootstrap', current_user;
  END $$;
`;

/** GoTrue's tables, column by column: created when missing, and a table that already exists (an app's stand-in
 *  `auth.users` made before this module existed, say) gets the columns it lacks, so no start fails and nothing is lost. */
interface TableSpec {
  name: string;
  columns: string[];
  constraints?: string[];
}

const TABLES = {
  users: {
    name: 'users',
    columns: [
      'instance_id uuid',
      'id uuid NOT NULL PRIMARY KEY',
      'aud varchar(255)',
      'role varchar(255)',
      'email varchar(255)',
      'encrypted_password varchar(255)',
      'email_confirmed_at timestamptz',
      'invited_at timestamptz',
      'confirmation_token varchar(255)',
      'confirmation_sent_at timestamptz',
      'recovery_token varchar(255)',
      'recovery_sent_at timestamptz',
      'email_change_token_new varchar(255)',
      'email_change varchar(255)',
      'email_change_sent_at timestamptz',
      'last_sign_in_at timestamptz',
      'raw_app_meta_data jsonb',
      'raw_user_meta_data jsonb',
      'is_super_admin boolean',
      'created_at timestamptz',
      'updated_at timestamptz',
      'phone text UNIQUE DEFAULT NULL',
      'phone_confirmed_at timestamptz',
      `phone_change text DEFAULT ''`,
      `phone_change_token varchar(255) DEFAULT ''`,
      'phone_change_sent_at timestamptz',
      'confirmed_at timestamptz GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED',
      `email_change_token_current varchar(255) DEFAULT ''`,
      'email_change_confirm_status smallint DEFAULT 0 CHECK (email_change_confirm_status >= 0 AND email_change_confirm_status <= 2)',
      'banned_until timestamptz',
      `reauthentication_token varchar(255) DEFAULT ''`,
      'reauthentication_sent_at timestamptz',
      'is_sso_user boolean NOT NULL DEFAULT false',
      'deleted_at timestamptz',
      'is_anonymous boolean NOT NULL DEFAULT false',
    ],
  },
  identities: {
    name: 'identities',
    columns: [
      'provider_id text NOT NULL',
      'user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE',
      'identity_data jsonb NOT NULL',
      'provider text NOT NULL',
      'last_sign_in_at timestamptz',
      'created_at timestamptz',
      'updated_at timestamptz',
      `email text GENERATED ALWAYS AS (lower(identity_data ->> 'email')) STORED`,
      'id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY',
    ],
    constraints: [
      'CONSTRAINT identities_provider_id_provider_unique UNIQUE (provider_id, provider)',
    ],
  },
  sessions: {
    name: 'sessions',
    columns: [
      'id uuid NOT NULL PRIMARY KEY',
      'user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE',
      'created_at timestamptz',
      'updated_at timestamptz',
      'factor_id uuid',
      'aal auth.aal_level',
      'not_after timestamptz',
      'refreshed_at timestamp',
      'user_agent text',
      'ip inet',
      'tag text',
    ],
  },
  refresh_tokens: {
    name: 'refresh_tokens',
    columns: [
      'instance_id uuid',
      'id bigserial PRIMARY KEY',
      'token varchar(255) UNIQUE',
      'user_id varchar(255)',
      'revoked boolean',
      'created_at timestamptz',
      'updated_at timestamptz',
      'parent varchar(255)',
      'session_id uuid REFERENCES auth.sessions (id) ON DELETE CASCADE',
    ],
  },
  one_time_tokens: {
    name: 'one_time_tokens',
    columns: [
      'id uuid NOT NULL PRIMARY KEY',
      'user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE',
      'token_type auth.one_time_token_type NOT NULL',
      'token_hash text NOT NULL CHECK (char_length(token_hash) > 0)',
      'relates_to text NOT NULL',
      'created_at timestamp NOT NULL DEFAULT now()',
      'updated_at timestamp NOT NULL DEFAULT now()',
    ],
  },
  flow_state: {
    name: 'flow_state',
    columns: [
      'id uuid NOT NULL PRIMARY KEY',
      'user_id uuid',
      'auth_code text NOT NULL',
      'code_challenge_method auth.code_challenge_method NOT NULL',
      'code_challenge text NOT NULL',
      'provider_type text NOT NULL',
      'provider_access_token text',
      'provider_refresh_token text',
      'created_at timestamptz',
      'updated_at timestamptz',
      'authentication_method text NOT NULL',
      'auth_code_issued_at timestamptz',
    ],
  },
  mfa_factors: {
    name: 'mfa_factors',
    columns: [
      'id uuid NOT NULL PRIMARY KEY',
      'user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE',
      'friendly_name text',
      'factor_type auth.factor_type NOT NULL',
      'status auth.factor_status NOT NULL',
      'created_at timestamptz NOT NULL',
      'updated_at timestamptz NOT NULL',
      'secret text',
      'phone text',
      'last_challenged_at timestamptz UNIQUE',
    ],
  },
  mfa_challenges: {
    name: 'mfa_challenges',
    columns: [
      'id uuid NOT NULL PRIMARY KEY',
      'factor_id uuid NOT NULL REFERENCES auth.mfa_factors (id) ON DELETE CASCADE',
      'created_at timestamptz NOT NULL',
      'verified_at timestamptz',
      'ip_address inet NOT NULL',
      'otp_code text',
    ],
  },
  mfa_amr_claims: {
    name: 'mfa_amr_claims',
    columns: [
      'session_id uuid NOT NULL REFERENCES auth.sessions (id) ON DELETE CASCADE',
      'created_at timestamptz NOT NULL',
      'updated_at timestamptz NOT NULL',
      'authentication_method text NOT NULL',
      'id uuid NOT NULL PRIMARY KEY',
    ],
    constraints: [
      'CONSTRAINT mfa_amr_claims_session_id_authentication_method_pkey UNIQUE (session_id, authentication_method)',
    ],
  },
  audit_log_entries: {
    name: 'audit_log_entries',
    columns: [
      'instance_id uuid',
      'id uuid NOT NULL PRIMARY KEY',
      'payload json',
      'created_at timestamptz',
      `ip_address varchar(64) NOT NULL DEFAULT ''`,
    ],
  },
} satisfies Record<string, TableSpec>;

function createTable(t: TableSpec): string {
  const body = [...t.columns, ...(t.constraints ?? [])].join(',\n    ');
  const missing = t.columns.map((c) => `ALTER TABLE auth.${t.name} ADD COLUMN IF NOT EXISTS ${c};`).join('\n  ');
  return `CREATE TABLE IF NOT EXISTS auth.${t.name} (\n    ${body}\n  );\n  ${missing}`;
}

function createEnum(name: string, labels: string): string {
  return `DO $enum$ BEGIN IF to_regtype('auth.${name}') IS NULL THEN CREATE TYPE auth.${name} AS ENUM (${labels}); END IF; END $enum$;`;
}

const AUTH_TABLES = `
  CREATE SCHEMA IF NOT EXISTS auth;

  ${createEnum('aal_level', "'aal1', 'aal2', 'aal3'")}
  ${createEnum('code_challenge_method', "'s256', 'plain'")}
  ${createEnum('factor_type', "'totp', 'webauthn', 'phone'")}
  ${createEnum('factor_status', "'unverified', 'verified'")}
  ${createEnum('one_time_token_type', "'confirmation_token', 'reauthentication_token', 'recovery_token', 'email_change_token_new', 'email_change_token_current', 'phone_change_token'")}

${createTable(TABLES.users)}
  COMMENT ON TABLE auth.users IS 'Auth: Stores user login data within a secure schema.';
  CREATE UNIQUE INDEX IF NOT EXISTS users_email_partial_key ON auth.users (email) WHERE is_sso_user = false;
  CREATE INDEX IF NOT EXISTS users_instance_id_email_idx ON auth.users (instance_id, lower(email));
  CREATE INDEX IF NOT EXISTS users_instance_id_idx ON auth.users (instance_id);
  CREATE INDEX IF NOT EXISTS users_is_anonymous_idx ON auth.users (is_anonymous);
  CREATE INDEX IF NOT EXISTS users_created_at_idx ON auth.users (created_at DESC, id);

${createTable(TABLES.identities)}
  CREATE INDEX IF NOT EXISTS identities_user_id_idx ON auth.identities (user_id);
  CREATE INDEX IF NOT EXISTS identities_email_idx ON auth.identities (email text_pattern_ops);

${createTable(TABLES.sessions)}
  CREATE INDEX IF NOT EXISTS sessions_user_id_idx ON auth.sessions (user_id);
  CREATE INDEX IF NOT EXISTS user_id_created_at_idx ON auth.sessions (user_id, created_at);
  CREATE INDEX IF NOT EXISTS sessions_not_after_idx ON auth.sessions (not_after DESC);

  -- token and parent hold SHA-256 digests here (GoTrue keeps them in clear): a leaked table grants no session.
${createTable(TABLES.refresh_tokens)}
  CREATE INDEX IF NOT EXISTS refresh_tokens_instance_id_idx ON auth.refresh_tokens (instance_id);
  CREATE INDEX IF NOT EXISTS refresh_tokens_instance_id_user_id_idx ON auth.refresh_tokens (instance_id, user_id);
  CREATE INDEX IF NOT EXISTS refresh_tokens_parent_idx ON auth.refresh_tokens (parent);
  CREATE INDEX IF NOT EXISTS refresh_tokens_session_id_revoked_idx ON auth.refresh_tokens (session_id, revoked);
  CREATE INDEX IF NOT EXISTS refresh_tokens_updated_at_idx ON auth.refresh_tokens (updated_at DESC);

${createTable(TABLES.one_time_tokens)}
  CREATE UNIQUE INDEX IF NOT EXISTS one_time_tokens_user_id_token_type_key ON auth.one_time_tokens (user_id, token_type);
  CREATE INDEX IF NOT EXISTS one_time_tokens_token_hash_hash_idx ON auth.one_time_tokens USING hash (token_hash);
  CREATE INDEX IF NOT EXISTS one_time_tokens_relates_to_hash_idx ON auth.one_time_tokens USING hash (relates_to);

${createTable(TABLES.flow_state)}
  CREATE INDEX IF NOT EXISTS idx_auth_code ON auth.flow_state (auth_code);
  CREATE INDEX IF NOT EXISTS idx_user_id_auth_method ON auth.flow_state (user_id, authentication_method);
  CREATE INDEX IF NOT EXISTS flow_state_created_at_idx ON auth.flow_state (created_at DESC);

${createTable(TABLES.mfa_factors)}
  CREATE UNIQUE INDEX IF NOT EXISTS mfa_factors_user_friendly_name_unique ON auth.mfa_factors (friendly_name, user_id) WHERE trim(friendly_name) <> '';
  CREATE INDEX IF NOT EXISTS factor_id_created_at_idx ON auth.mfa_factors (user_id, created_at);

${createTable(TABLES.mfa_challenges)}
  CREATE INDEX IF NOT EXISTS mfa_challenge_created_at_idx ON auth.mfa_challenges (created_at DESC);

${createTable(TABLES.mfa_amr_claims)}

${createTable(TABLES.audit_log_entries)}
  CREATE INDEX IF NOT EXISTS audit_logs_instance_id_idx ON auth.audit_log_entries (instance_id);

  -- GoTrue's grants: the auth tables belong to supabase_auth_admin, RLS is on with no policies, the API roles get
  -- nothing but schema usage, dashboard_user everything; the database owner (Supabase's postgres) keeps full access.
  DO $$
  DECLARE
    t text;
    grantees text := (SELECT string_agg(quote_ident(r), ', ' ORDER BY r) FROM unnest(ARRAY['dashboard_user', current_user::text]) r);
  BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'identities', 'sessions', 'refresh_tokens', 'one_time_tokens', 'flow_state',
      'mfa_factors', 'mfa_challenges', 'mfa_amr_claims', 'audit_log_entries'] LOOP
      EXECUTE format('ALTER TABLE auth.%I OWNER TO supabase_auth_admin', t);
      EXECUTE format('ALTER TABLE auth.%I ENABLE ROW LEVEL SECURITY', t);
      EXECUTE format('GRANT ALL ON auth.%I TO %s', t, grantees);
    END LOOP;
    EXECUTE format('GRANT SELECT ON auth.users TO %I WITH GRANT OPTION', current_user);
    EXECUTE format('GRANT USAGE ON SEQUENCE auth.refresh_tokens_id_seq TO %s', grantees);
  END $$;
  ALTER TYPE auth.aal_level OWNER TO supabase_auth_admin;
  ALTER TYPE auth.code_challenge_method OWNER TO supabase_auth_admin;
  ALTER TYPE auth.factor_type OWNER TO supabase_auth_admin;
  ALTER TYPE auth.factor_status OWNER TO supabase_auth_admin;
  ALTER TYPE auth.one_time_token_type OWNER TO supabase_auth_admin;
  REVOKE USAGE ON SCHEMA auth FROM anon, authenticated, service_role;
  GRANT USAGE ON SCHEMA auth TO anon, authenticated, dashboard_user, service_role, supabase_auth_admin, supabase_realtime_admin;
  GRANT CREATE ON SCHEMA auth TO dashboard_user, supabase_auth_admin;
  ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON TABLES TO dashboard_user;
  ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON SEQUENCES TO dashboard_user;
  ALTER DEFAULT PRIVILEGES FOR ROLE supabase_auth_admin IN SCHEMA auth GRANT ALL ON ROUTINES TO dashboard_user;
`;

/**
 * GoTrue's helper definitions. auth.uid() used to return text here (migration 2): its return type cannot change in
 * place, and user policies and column defaults may depend on it. Those are recreated around the new function with
 * `(auth.uid())::text` where they called it, which is what they computed before; any other kind of dependent (a view,
 * a function body) keeps the old function and a warning, so no user object is ever dropped.
 */
const AUTH_HELPERS = `
  CREATE OR REPLACE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(
      nullif(current_setting('request.jwt.claim.role', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
    )::text
  $$;
  CREATE OR REPLACE FUNCTION auth.email() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(
      nullif(current_setting('request.jwt.claim.email', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
    )::text
  $$;
  CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT coalesce(
      nullif(current_setting('request.jwt.claim', true), ''),
      nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
  $$;

  DO $migrate_uid$
  DECLARE
    old_uid oid := to_regprocedure('auth.uid()');
    blockers text;
    recreate text[] := ARRAY[]::text[];
    r record;
    stmt text;
    new_def CONSTANT text := $def$
      CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $fn$
        SELECT coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        )::uuid
      $fn$ $def$;
  BEGIN
    IF old_uid IS NULL THEN
      EXECUTE new_def;
      RETURN;
    END IF;
    IF (SELECT prorettype FROM pg_proc WHERE oid = old_uid) = 'uuid'::regtype THEN
      RETURN;
    END IF;

    SELECT string_agg(pg_describe_object(d.classid, d.objid, d.objsubid), ', ') INTO blockers
      FROM pg_depend d
     WHERE d.refclassid = 'pg_proc'::regclass AND d.refobjid = old_uid AND d.deptype = 'n'
       AND d.classid NOT IN ('pg_policy'::regclass, 'pg_attrdef'::regclass);
    IF blockers IS NOT NULL THEN
      RAISE WARNING 'auth.uid() still returns text: % depend(s) on it. Drop or change them, then run: %', blockers, new_def;
      RETURN;
    END IF;

    FOR r IN
      SELECT p.polname, n.nspname, c.relname, p.polpermissive,
             CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS cmd,
             CASE WHEN p.polroles = '{0}' THEN 'PUBLIC'
                  ELSE (SELECT string_agg(quote_ident(rolname), ', ') FROM pg_roles WHERE oid = ANY (p.polroles)) END AS roles,
             pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS wcheck
        FROM pg_policy p
        JOIN pg_class c ON c.oid = p.polrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE p.oid IN (SELECT objid FROM pg_depend WHERE classid = 'pg_policy'::regclass AND refclassid = 'pg_proc'::regclass AND refobjid = old_uid)
    LOOP
      EXECUTE format('DROP POLICY %I ON %I.%I', r.polname, r.nspname, r.relname);
      stmt := format('CREATE POLICY %I ON %I.%I AS %s FOR %s TO %s', r.polname, r.nspname, r.relname,
        CASE WHEN r.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END, r.cmd, r.roles);
      IF r.qual IS NOT NULL THEN
        stmt := stmt || ' USING (' || replace(r.qual, 'auth.uid()', '(auth.uid())::text') || ')';
      END IF;
      IF r.wcheck IS NOT NULL THEN
        stmt := stmt || ' WITH CHECK (' || replace(r.wcheck, 'auth.uid()', '(auth.uid())::text') || ')';
      END IF;
      recreate := recreate || stmt;
    END LOOP;

    FOR r IN
      SELECT n.nspname, c.relname, a.attname, pg_get_expr(ad.adbin, ad.adrelid) AS expr
        FROM pg_attrdef ad
        JOIN pg_class c ON c.oid = ad.adrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
       WHERE ad.oid IN (SELECT objid FROM pg_depend WHERE classid = 'pg_attrdef'::regclass AND refclassid = 'pg_proc'::regclass AND refobjid = old_uid)
    LOOP
      EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I DROP DEFAULT', r.nspname, r.relname, r.attname);
      recreate := recreate || format('ALTER TABLE %I.%I ALTER COLUMN %I SET DEFAULT %s', r.nspname, r.relname, r.attname,
        replace(r.expr, 'auth.uid()', '(auth.uid())::text'));
    END LOOP;

    DROP FUNCTION auth.uid();
    EXECUTE new_def;
    FOREACH stmt IN ARRAY recreate LOOP
      EXECUTE stmt;
    END LOOP;
  END $migrate_uid$;

  DO $$ BEGIN
    IF (SELECT prorettype FROM pg_proc WHERE oid = 'auth.uid()'::regprocedure) = 'uuid'::regtype THEN
      ALTER FUNCTION auth.uid() OWNER TO supabase_auth_admin;
    END IF;
  END $$;
  ALTER FUNCTION auth.role() OWNER TO supabase_auth_admin;
  ALTER FUNCTION auth.email() OWNER TO supabase_auth_admin;
  ALTER FUNCTION auth.jwt() OWNER TO supabase_auth_admin;
  GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA auth TO PUBLIC;
  COMMENT ON FUNCTION auth.uid() IS 'Deprecated. Use auth.jwt() -> ''sub'' instead.';
  COMMENT ON FUNCTION auth.role() IS 'Deprecated. Use auth.jwt() -> ''role'' instead.';
  COMMENT ON FUNCTION auth.email() IS 'Deprecated. Use auth.jwt() -> ''email'' instead.';
`;

/** Every email and SMS the auth module would have sent; per database, so a branch has its own inbox. */
const INBOX = `
  CREATE TABLE trestle.auth_messages (
    id bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    channel text NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient text NOT NULL,
    kind text NOT NULL,
    subject text NOT NULL,
    body_text text NOT NULL,
    body_html text,
    otp text,
    link text,
    user_id uuid
  );
  CREATE INDEX auth_messages_recipient_idx ON trestle.auth_messages (lower(recipient), id DESC);
  -- Auth transactions run as supabase_auth_admin (as GoTrue does); the inbox is written in the same transaction.
  GRANT USAGE ON SCHEMA trestle TO supabase_auth_admin;
  GRANT SELECT, INSERT ON trestle.auth_messages TO supabase_auth_admin;
  GRANT USAGE ON SEQUENCE trestle.auth_messages_id_seq TO supabase_auth_admin;
`;

export const authMigrations: Migration[] = [
  { version: 60, name: 'extensions schema with uuid-ossp and pgcrypto', sql: EXTENSIONS },
  { version: 61, name: 'auth schema: GoTrue tables, ownership and grants', sql: AUTH_TABLES },
  { version: 62, name: 'auth helpers as GoTrue defines them (auth.uid() returns uuid)', sql: AUTH_HELPERS },
  { version: 63, name: 'auth local inbox', sql: INBOX },
];
