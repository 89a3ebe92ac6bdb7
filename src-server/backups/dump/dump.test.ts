import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { withDb } from '../../../test/helpers/db.js';
import { dumpDatabase } from './dump.js';
import { EVERY_KIND_FIXTURE } from './fixture-every-kind.js';
import { loadSqlDump } from './load.js';

let t: TestApp;
let dumped = '';

const FIXTURE = `
  CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
  CREATE SCHEMA app;
  CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
  CREATE TYPE app.pair AS (a integer, b text);
  CREATE DOMAIN app.email AS text CHECK (VALUE ~ '@');
  CREATE SEQUENCE app.ticket_seq START WITH 100 INCREMENT BY 5;
  SELECT setval('app.ticket_seq', 142);
  CREATE FUNCTION app.shout(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) || '!' $$;
  CREATE TABLE app.authors (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email app.email NOT NULL UNIQUE,
    mood app.mood NOT NULL DEFAULT 'ok',
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE app.posts (
    id serial PRIMARY KEY,
    author_id integer REFERENCES app.authors (id) ON DELETE CASCADE,
    title text NOT NULL CONSTRAINT title_not_empty CHECK (length(title) > 0),
    loud text GENERATED ALWAYS AS (upper(title)) STORED,
    tags text[] DEFAULT '{}',
    meta jsonb,
    pair app.pair,
    ticket bigint DEFAULT nextval('app.ticket_seq'),
    token text DEFAULT app.shout('x'),
    UNIQUE (author_id, title)
  );
  CREATE INDEX posts_lower_title ON app.posts (lower(title));
  CREATE UNIQUE INDEX posts_one_pinned ON app.posts (author_id) WHERE (meta->>'pinned') = 'true';
  CREATE FUNCTION app.trim_title() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.title := btrim(NEW.title); RETURN NEW; END $$;
  CREATE TRIGGER posts_trim BEFORE INSERT OR UPDATE ON app.posts FOR EACH ROW EXECUTE FUNCTION app.trim_title();
  CREATE FUNCTION app.posts_by(a app.authors) RETURNS SETOF app.posts LANGUAGE sql STABLE AS $$ SELECT * FROM app.posts WHERE author_id = a.id $$;
  CREATE VIEW app.post_titles WITH (security_invoker = true) AS SELECT p.id, p.title, a.email FROM app.posts p JOIN app.authors a ON a.id = p.author_id;
  CREATE MATERIALIZED VIEW app.post_counts AS SELECT author_id, count(*) AS n FROM app.posts GROUP BY author_id;
  ALTER TABLE app.posts ENABLE ROW LEVEL SECURITY;
  CREATE POLICY posts_read ON app.posts FOR SELECT TO anon USING (meta->>'public' = 'true');
  CREATE POLICY posts_write ON app.posts AS RESTRICTIVE FOR INSERT TO authenticated WITH CHECK (author_id IS NOT NULL);
  GRANT USAGE ON SCHEMA app TO anon;
  GRANT SELECT ON app.posts, app.post_titles TO anon;
  GRANT INSERT, UPDATE ON app.posts TO authenticated;
  INSERT INTO app.authors (email, mood) VALUES ('a@x.dev', 'happy'), ('b@x.dev', 'sad');
  INSERT INTO app.posts (author_id, title, tags, meta, pair) VALUES
    (1, '  hello  ', '{a,b}', '{"public": "true", "n": 1.5}', ROW(1, 'one')),
    (1, E'tab\\there\\nnew line \\\\ backslash', '{"with space", NULL}', NULL, NULL),
    (2, 'ünïcødé ✓', NULL, '{"pinned": "true"}', ROW(NULL, E'q"uote'));
  REFRESH MATERIALIZED VIEW app.post_counts;
  CREATE TABLE public.empty_table (id bigint);
`;

/** Everything the dump should carry, read from the catalog, in a form two databases can be compared by. */
async function fingerprint(c: pg.Client) {
  await c.query(`SELECT set_config('search_path', '', false)`);
  const rows = async (sql: string) => (await c.query(sql)).rows;
  const user = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'trestle') AND n.nspname NOT LIKE 'pg\\_%'`;
  return {
    extensions: await rows(`SELECT extname FROM pg_extension ORDER BY 1`),
    schemas: await rows(`SELECT nspname FROM pg_namespace n WHERE ${user} ORDER BY 1`),
    types: await rows(`SELECT n.nspname, t.typname, t.typtype, format_type(t.typbasetype, t.typtypmod) AS base,
        (SELECT array_agg(enumlabel ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid) AS labels
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${user} AND t.typtype IN ('e', 'd', 'c') ORDER BY 1, 2`),
    columns: await rows(`SELECT n.nspname, c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
        a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid) AS def
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE ${user} AND c.relkind IN ('r', 'v', 'm') ORDER BY 1, 2, a.attnum`),
    constraints: await rows(`SELECT n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid) AS def FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${user} AND k.contype <> 'n' ORDER BY 1, 2, 3`),
    indexes: await rows(`SELECT schemaname, indexname, indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'trestle') ORDER BY 1, 2`),
    views: await rows(`SELECT n.nspname, c.relname, pg_get_viewdef(c.oid) AS def, c.reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${user} AND c.relkind IN ('v', 'm') ORDER BY 1, 2`),
    functions: await rows(`SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE ${user} AND p.prokind = 'f' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') ORDER BY 1`),
    // Trestle's own capture triggers (functions in the trestle schema) are not part of the user's schema.
    triggers: await rows(`SELECT pg_get_triggerdef(g.oid) AS def FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc f ON f.oid = g.tgfoid
      JOIN pg_namespace fn ON fn.oid = f.pronamespace WHERE NOT g.tgisinternal AND fn.nspname <> 'trestle' AND ${user} ORDER BY 1`),
    rls: await rows(`SELECT n.nspname, c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${user} AND c.relrowsecurity ORDER BY 1, 2`),
    policies: await rows(`SELECT schemaname, tablename, policyname, permissive, roles, cmd, qual, with_check FROM pg_policies
      WHERE schemaname <> 'trestle' ORDER BY 1, 2, 3`),
    grants: await rows(`SELECT n.nspname, c.relname, c.relacl::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${user} AND c.relkind IN ('r', 'v', 'm', 'S') ORDER BY 1, 2`),
    schemaGrants: await rows(`SELECT nspname, nspacl::text FROM pg_namespace n WHERE ${user} ORDER BY 1`),
    sequences: await rows(`SELECT schemaname, sequencename, last_value FROM pg_sequences WHERE schemaname NOT IN ('trestle') ORDER BY 1, 2`),
    authors: await rows(`SELECT to_jsonb(a) AS r FROM app.authors a ORDER BY id`),
    posts: await rows(`SELECT to_jsonb(p) AS r FROM app.posts p ORDER BY id`),
    counts: await rows(`SELECT to_jsonb(m) AS r FROM app.post_counts m ORDER BY author_id`),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  await t.sql.query(FIXTURE);
  await t.sql.end();
});
afterAll(async () => t?.close());

describe('SQL dump of a backup', () => {
  it('round-trips every kind of object and the data into an empty database', async () => {
    const snap = await t.service({ method: 'POST', url: '/api/backups', payload: { label: 'dump me' } });
    expect(snap.statusCode, snap.body).toBe(201);
    const { backup } = snap.json();
    const res = await t.service({ method: 'GET', url: `/api/backups/${backup.id}/download` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/sql');
    expect(res.headers['content-disposition']).toContain(`${backup.database_name}.sql`);
    const dump = res.body;
    dumped = dump;
    expect(dump).toContain('COPY "app"."posts"');
    expect(dump).not.toContain('trestle.api_keys');

    const target = await createDatabase('dump');
    const loaded = await withDb(target, (c) => loadSqlDump(c, Readable.from([dump])));
    expect(loaded.copied).toBeGreaterThanOrEqual(3);
    const before = await withDb(t.database, fingerprint);
    const after = await withDb(target, fingerprint);
    expect(after).toEqual(before);
    expect(before.posts).toHaveLength(3);
    // The throwaway copy the dump was read from is gone.
    const leftovers = await withDb(t.database, (c) => c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'trestle_dump_%'`));
    expect(leftovers.rows).toEqual([]);
    // The restored database behaves: identity, sequences, FKs and triggers all work after the load.
    await withDb(target, async (c) => {
      await c.query(`INSERT INTO app.authors (email) VALUES ('c@x.dev')`);
      const { rows } = await c.query(`INSERT INTO app.posts (author_id, title) VALUES (3, '  x  ') RETURNING id, title, ticket`);
      expect(rows[0]).toEqual({ id: 4, title: 'x', ticket: '162' });
      await expect(c.query(`INSERT INTO app.posts (author_id, title) VALUES (99, 'y')`)).rejects.toThrow(/foreign key/);
    });
  });

  it('restores from a file: the dump imported as a backup, then restored into a branch, equals the original', async () => {
    expect(dumped).not.toBe('');
    const res = await t.service({ method: 'POST', url: '/api/backups/import?label=from%20file', payload: dumped, headers: { 'content-type': 'application/sql' } });
    expect(res.statusCode, res.body).toBe(201);
    const { backup } = res.json();
    expect(backup).toMatchObject({ kind: 'imported', status: 'completed', label: 'from file' });
    const restored = await t.service({ method: 'POST', url: `/api/backups/${backup.id}/restore`, payload: { label: 'imported' } });
    expect(restored.statusCode, restored.body).toBe(200);
    const branch = restored.json().branch.database_name;
    expect(await withDb(branch, fingerprint)).toEqual(await withDb(t.database, fingerprint));

    const bad = await t.service({ method: 'POST', url: '/api/backups/import', payload: 'CREATE TABLE broken (;', headers: { 'content-type': 'application/sql' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('IMPORT_FAILED');
    const kinds = (await t.service({ method: 'GET', url: '/api/backups' })).json().backups.filter((b: { kind: string }) => b.kind === 'imported');
    expect(kinds).toHaveLength(1);
    expect((await t.service({ method: 'POST', url: '/api/backups/import', payload: 'x', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(415);
  });

  it('a backup that does not exist cannot be downloaded', async () => {
    expect((await t.service({ method: 'GET', url: '/api/backups/00000000-0000-0000-0000-000000000000/download' })).statusCode).toBe(404);
  });
});

async function dumpOf(database: string): Promise<string> {
  return withDb(database, async (c) => {
    let text = '';
    for await (const piece of dumpDatabase(c)) text += piece.toString();
    return text;
  });
}

describe('catalog dump of every object kind', () => {
  it('dump → restore into an empty database → dump again is byte-identical', async () => {
    const source = await createDatabase('every');
    await withDb(source, (c) => c.query(EVERY_KIND_FIXTURE));
    const first = await dumpOf(source);
    for (const expected of ['PARTITION OF "shop"."events" DEFAULT', 'INHERITS ("shop"."items")', 'CREATE UNLOGGED TABLE', 'REPLICA IDENTITY FULL',
      'COMMENT ON COLUMN "shop"."customers"."email"', 'ALTER TABLE "shop"."scratch" OWNER TO "fixture_owner"', 'CREATE EVENT TRIGGER "shop_log_ddl"',
      'GRANT SELECT ("id") ON TABLE "shop"."customers"', 'REVOKE EXECUTE ON FUNCTION "shop"."secret_total"() FROM PUBLIC', 'CREATE PUBLICATION',
      'ALTER DEFAULT PRIVILEGES FOR ROLE', 'CREATE TYPE "shop"."price_range" AS RANGE']) {
      expect(first).toContain(expected);
    }
    // The view grouping by a primary key needs the key first, so it comes after the data; the range type's own
    // constructor functions are not dumped (the type makes them).
    expect(first.indexOf('CREATE VIEW "shop"."by_customer"')).toBeGreaterThan(first.indexOf('ADD CONSTRAINT "customers_pkey"'));
    expect(first).not.toContain('FUNCTION shop.price_range(');

    const target = await createDatabase('every_restored');
    await withDb(target, (c) => loadSqlDump(c, Readable.from([first])));
    expect(await dumpOf(target)).toBe(first);
    await withDb(target, async (c) => {
      // Indexes on the partitioned table reached its partitions, and the restored rows are where they were.
      const { rows: invalid } = await c.query(`SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid`);
      expect(invalid).toEqual([]);
      const { rows: partitionIndexes } = await c.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'events_2024'`);
      expect(partitionIndexes[0].n).toBe(2);
      const { rows: counts } = await c.query(`SELECT (SELECT count(*) FROM shop.events)::int AS events, (SELECT count(*) FROM ONLY shop.items)::int AS items,
        (SELECT count(*) FROM shop.items)::int AS all_items, (SELECT n FROM shop.status_counts WHERE status = 'paid')::int AS paid`);
      expect(counts[0]).toEqual({ events: 2, items: 1, all_items: 2, paid: 1 });
    });
  });
});
