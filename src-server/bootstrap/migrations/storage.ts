// Supabase Storage's schema (versions 70–79): storage.buckets and storage.objects with Supabase's columns, RLS on and
// no policies, the helper functions apps' policies call, and the guard against direct SQL deletes. Idempotent (IF NOT
// EXISTS / OR REPLACE) because a restored SQL dump or a Supabase-shaped database may already carry the schema.
import type { Migration } from './core.js';

export const storageMigrations: Migration[] = [
  {
    version: 70,
    name: 'storage schema',
    sql: `
      -- App SQL names supabase_storage_admin in GRANT / OWNER TO / CREATE POLICY … TO; roles are cluster-wide, so another
      -- database's bootstrap may create it at the same moment (the duplicate is then not an error).
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'supabase_storage_admin')
           AND (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
          BEGIN
            CREATE ROLE supabase_storage_admin NOLOGIN NOINHERIT;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
        END IF;
      END $$;

      CREATE SCHEMA IF NOT EXISTS storage;
      GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;

      CREATE TABLE IF NOT EXISTS storage.buckets (
        id text PRIMARY KEY,
        name text NOT NULL,
        owner uuid,
        owner_id text,
        public boolean DEFAULT false,
        avif_autodetection boolean DEFAULT false,
        file_size_limit bigint,
        allowed_mime_types text[],
        type text NOT NULL DEFAULT 'STANDARD' CHECK (type IN ('STANDARD', 'ANALYTICS')),
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now()
      );
      CREATE UNIQUE INDEX IF NOT EXISTS bname ON storage.buckets (name);

      CREATE TABLE IF NOT EXISTS storage.objects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bucket_id text REFERENCES storage.buckets (id),
        name text,
        owner uuid,
        owner_id text,
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now(),
        last_accessed_at timestamptz DEFAULT now(),
        metadata jsonb,
        user_metadata jsonb,
        version text,
        path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED
      );
      CREATE UNIQUE INDEX IF NOT EXISTS bucketid_objname ON storage.objects (bucket_id, name);
      CREATE INDEX IF NOT EXISTS name_prefix_search ON storage.objects (name text_pattern_ops);
      -- Which blobs a database references: read by the blob sweeper for every database that may be served.
      CREATE INDEX IF NOT EXISTS objects_version_idx ON storage.objects (version);

      ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
      ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
      GRANT ALL ON storage.buckets, storage.objects TO anon, authenticated, service_role;

      CREATE OR REPLACE FUNCTION storage.foldername(name text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $fn$
        SELECT (string_to_array(name, '/'))[1:array_length(string_to_array(name, '/'), 1) - 1]
      $fn$;
      CREATE OR REPLACE FUNCTION storage.filename(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
        SELECT (string_to_array(name, '/'))[array_length(string_to_array(name, '/'), 1)]
      $fn$;
      -- Supabase's definition: the text after the last dot of the file name (the whole name when it has no dot).
      CREATE OR REPLACE FUNCTION storage.extension(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
        SELECT reverse(split_part(reverse(storage.filename(name)), '.', 1))
      $fn$;
      CREATE OR REPLACE FUNCTION storage.operation() RETURNS text LANGUAGE sql STABLE AS $fn$
        SELECT current_setting('storage.operation', true)
      $fn$;
      CREATE OR REPLACE FUNCTION storage.get_size_by_bucket() RETURNS TABLE (size bigint, bucket_id text) LANGUAGE sql STABLE AS $fn$
        SELECT sum((o.metadata ->> 'size')::bigint)::bigint AS size, o.bucket_id FROM storage.objects o GROUP BY o.bucket_id
      $fn$;
      -- Supabase's permission probe: inserts as the caller, then raises so the insert never stays.
      CREATE OR REPLACE FUNCTION storage.can_insert_object(bucketid text, name text, owner uuid, metadata jsonb)
      RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO storage.objects (bucket_id, name, owner, metadata) VALUES (bucketid, name, owner, metadata);
        RAISE SQLSTATE 'PT200' USING MESSAGE = 'ROLLBACK', DETAIL = 'rollback successful insert';
      END $fn$;

      CREATE OR REPLACE FUNCTION storage.update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.updated_at = now();
        RETURN NEW;
      END $fn$;
      DROP TRIGGER IF EXISTS update_objects_updated_at ON storage.objects;
      CREATE TRIGGER update_objects_updated_at BEFORE UPDATE ON storage.objects
        FOR EACH ROW EXECUTE FUNCTION storage.update_updated_at_column();

      -- Deleting rows by SQL would orphan their bytes' bookkeeping in other tools; the Storage API sets the flag.
      CREATE OR REPLACE FUNCTION storage.protect_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF coalesce(current_setting('storage.allow_delete_query', true), '') <> 'true' THEN
          RAISE EXCEPTION 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
            USING ERRCODE = '42501',
                  HINT = 'Delete objects with the Storage API, or run SET LOCAL storage.allow_delete_query = ''true'' first.';
        END IF;
        RETURN NULL;
      END $fn$;
      DROP TRIGGER IF EXISTS protect_objects_delete ON storage.objects;
      CREATE TRIGGER protect_objects_delete BEFORE DELETE ON storage.objects
        FOR EACH STATEMENT EXECUTE FUNCTION storage.protect_delete();
      DROP TRIGGER IF EXISTS protect_buckets_delete ON storage.buckets;
      CREATE TRIGGER protect_buckets_delete BEFORE DELETE ON storage.buckets
        FOR EACH STATEMENT EXECUTE FUNCTION storage.protect_delete();

      -- list(): the entries one level below prefix, names relative to it, folders (id NULL) and files together.
      -- Matching is case-insensitive on prefix || search, as Supabase's. SECURITY INVOKER: RLS decides what is seen.
      DROP FUNCTION IF EXISTS storage.search(text, text, int, int, int, text, text, text);
      CREATE OR REPLACE FUNCTION storage.search(
        prefix text, bucketname text, limits int DEFAULT 100, offsets int DEFAULT 0,
        search text DEFAULT '', sortcolumn text DEFAULT 'name', sortorder text DEFAULT 'asc')
      RETURNS TABLE (name text, id uuid, updated_at timestamptz, created_at timestamptz, last_accessed_at timestamptz, metadata jsonb)
      LANGUAGE plpgsql STABLE SECURITY INVOKER AS $fn$
      DECLARE
        v_column text := CASE lower(coalesce(sortcolumn, 'name'))
          WHEN 'updated_at' THEN 'updated_at' WHEN 'created_at' THEN 'created_at'
          WHEN 'last_accessed_at' THEN 'last_accessed_at' ELSE 'name' END;
        v_dir text := CASE WHEN lower(coalesce(sortorder, 'asc')) = 'desc' THEN 'DESC' ELSE 'ASC' END;
        v_order text;
      BEGIN
        IF v_column = 'name' THEN
          v_order := format('lower(e.name) COLLATE "C" %s, e.name COLLATE "C" %s', v_dir, v_dir);
        ELSE
          v_order := format('e.folder DESC, (CASE WHEN e.folder THEN lower(e.name) END) COLLATE "C" %s, e.%I %s, lower(e.name) COLLATE "C"',
            v_dir, v_column, v_dir);
        END IF;
        RETURN QUERY EXECUTE format($q$
          WITH matched AS (
            SELECT o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata, substr(o.name, length($1) + 1) AS rest
              FROM storage.objects o
             WHERE o.bucket_id = $2 AND starts_with(lower(o.name), lower($1 || $3))
          ), entries AS (
            SELECT DISTINCT split_part(m.rest, '/', 1) AS name, NULL::uuid AS id, NULL::timestamptz AS updated_at,
                   NULL::timestamptz AS created_at, NULL::timestamptz AS last_accessed_at, NULL::jsonb AS metadata, true AS folder
              FROM matched m WHERE strpos(m.rest, '/') > 0
            UNION ALL
            SELECT m.rest, m.id, m.updated_at, m.created_at, m.last_accessed_at, m.metadata, false
              FROM matched m WHERE strpos(m.rest, '/') = 0
          )
          SELECT e.name, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata FROM entries e
           ORDER BY %s LIMIT $4 OFFSET $5
        $q$, v_order) USING coalesce(prefix, ''), bucketname, coalesce(search, ''),
          least(greatest(coalesce(limits, 100), 0), 1500), greatest(coalesce(offsets, 0), 0);
      END $fn$;
    `,
  },
];
