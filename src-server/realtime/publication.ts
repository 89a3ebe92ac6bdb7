// The supabase_realtime publication: which tables emit changes. Apps change it with SQL; the dashboard and the first
// /api/realtime subscribe/unsubscribe change it here. Triggers follow it (trestle.realtime_sync, see the migration).
import type { Queryable } from '../db/database.js';
import { qualified } from '../db/quote.js';
import { resolveTable } from '../db/table-ref.js';
import { ApiError } from '../errors.js';

export const PUBLICATION = 'supabase_realtime';

export interface PublishedTable {
  schema: string;
  table: string;
  primary_key: string[];
  row_security: boolean;
  /** default (the key), full, index or nothing: how much of an old row UPDATE and DELETE events carry. */
  replica_identity: 'default' | 'full' | 'index' | 'nothing';
}

const IDENTITY = `CASE c.relreplident WHEN 'f' THEN 'full' WHEN 'i' THEN 'index' WHEN 'n' THEN 'nothing' ELSE 'default' END`;
const PRIMARY_KEY = `coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord)
    FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
   WHERE i.indrelid = c.oid AND i.indisprimary), '{}')`;

export async function listPublished(db: Queryable): Promise<PublishedTable[]> {
  const { rows } = await db.query<PublishedTable>(
    `SELECT n.nspname AS schema, c.relname AS table, c.relrowsecurity AS row_security, ${IDENTITY} AS replica_identity,
            ${PRIMARY_KEY} AS primary_key
       FROM pg_publication_tables t
       JOIN pg_namespace n ON n.nspname = t.schemaname
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.tablename
      WHERE t.pubname = $1 AND n.nspname NOT IN ('trestle', 'pg_catalog', 'information_schema')
      ORDER BY 1, 2`,
    [PUBLICATION],
  );
  return rows;
}

async function publicationState(db: Queryable): Promise<{ exists: boolean; allTables: boolean }> {
  const { rows } = await db.query<{ all_tables: boolean }>('SELECT puballtables AS all_tables FROM pg_publication WHERE pubname = $1', [PUBLICATION]);
  return { exists: rows.length > 0, allTables: rows[0]?.all_tables ?? false };
}

async function published(db: Queryable, schema: string, table: string): Promise<PublishedTable | undefined> {
  return (await listPublished(db)).find((t) => t.schema === schema && t.table === table);
}

/** Adds the table to the publication (created when an app dropped it); the event trigger installs the capture. */
export async function publishTable(db: Queryable, schema: string, table: string): Promise<PublishedTable> {
  const ref = await resolveTable(db, schema, table);
  const state = await publicationState(db);
  const target = qualified(ref.schema, ref.table);
  if (!state.exists) await db.query(`CREATE PUBLICATION ${PUBLICATION} FOR TABLE ${target}`);
  else if (!(await published(db, ref.schema, ref.table))) await db.query(`ALTER PUBLICATION ${PUBLICATION} ADD TABLE ${target}`);
  await db.query('SELECT trestle.realtime_sync()');
  return (await published(db, ref.schema, ref.table))!;
}

export async function unpublishTable(db: Queryable, schema: string, table: string): Promise<PublishedTable> {
  const ref = await resolveTable(db, schema, table);
  const current = await published(db, ref.schema, ref.table);
  if (!current) throw new ApiError(404, 'SUBSCRIPTION_NOT_FOUND', `Table "${ref.schema}"."${ref.table}" is not in the ${PUBLICATION} publication`);
  const state = await publicationState(db);
  if (state.allTables) {
    throw new ApiError(409, 'PUBLICATION_ALL_TABLES', `The ${PUBLICATION} publication is FOR ALL TABLES, so no single table can leave it`, {
      hint: `Recreate it with the tables you want: drop publication ${PUBLICATION}; create publication ${PUBLICATION} for table …`,
    });
  }
  const direct = await db.query('SELECT 1 FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid WHERE p.pubname = $1 AND r.prrelid = $2::regclass',
    [PUBLICATION, qualified(ref.schema, ref.table)]);
  if (!direct.rowCount) {
    throw new ApiError(409, 'PUBLISHED_BY_SCHEMA', `Table "${ref.schema}"."${ref.table}" is published through its schema (FOR TABLES IN SCHEMA)`, {
      hint: `alter publication ${PUBLICATION} drop tables in schema …`,
    });
  }
  await db.query(`ALTER PUBLICATION ${PUBLICATION} DROP TABLE ${qualified(ref.schema, ref.table)}`);
  await db.query('SELECT trestle.realtime_sync()');
  return current;
}

/** What a postgres_changes binding needs to know about its table, as the subscriber's role sees it. */
export interface SubscriptionTarget {
  exists: boolean;
  published: boolean;
  columns: Array<{ name: string; type: string }>;
  readable: string[];
}

export async function describeTarget(db: Queryable, role: string, schema: string, table: string): Promise<SubscriptionTarget> {
  const { rows } = await db.query<{ published: boolean; columns: SubscriptionTarget['columns'] | null; readable: string[] | null }>(
    `SELECT EXISTS (SELECT 1 FROM pg_publication_tables t WHERE t.pubname = $4 AND t.schemaname = n.nspname AND t.tablename = c.relname) AS published,
            (SELECT json_agg(json_build_object('name', a.attname, 'type', ty.typname) ORDER BY a.attnum)
               FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
            CASE WHEN $1 = 'owner' THEN (SELECT array_agg(a.attname::text) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
                 ELSE (SELECT array_agg(a.attname::text) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                        AND has_schema_privilege($1, n.oid, 'USAGE') AND has_column_privilege($1, c.oid, a.attnum, 'SELECT')) END AS readable
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $2 AND c.relname = $3 AND c.relkind IN ('r', 'p')`,
    [role, schema, table, PUBLICATION],
  );
  if (!rows[0]) return { exists: false, published: false, columns: [], readable: [] };
  return { exists: true, published: rows[0].published, columns: rows[0].columns ?? [], readable: rows[0].readable ?? [] };
}

/** Whether any table of the schema (or of any schema, for '*') is published. */
export async function schemaHasPublished(db: Queryable, schema: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM pg_publication_tables WHERE pubname = $1 AND ($2 = '*' OR schemaname = $2) AND schemaname NOT IN ('trestle') LIMIT 1`,
    [PUBLICATION, schema]);
  return (rowCount ?? 0) > 0;
}
