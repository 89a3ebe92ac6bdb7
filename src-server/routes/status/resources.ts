// Counts of what other modules manage (branches, backups, webhooks, realtime subscriptions), read from their tables
// (or, for realtime, the catalog) when the module is built; otherwise null, so nothing is reported that is not there.
import type { TrestleContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import { listPublished } from '../../realtime/publication.js';
import { storageTotals, type StorageTotals } from '../../storage/usage.js';

interface TableSource {
  key: 'branches' | 'backups' | 'webhooks';
  module: string;
  table: string;
}

const TABLE_SOURCES: TableSource[] = [
  { key: 'branches', module: 'branches', table: 'trestle.branches' },
  { key: 'backups', module: 'backups', table: 'trestle.backups' },
  { key: 'webhooks', module: 'webhooks', table: 'trestle.webhooks' },
];

// Rows soft-deleted (status 'deleted' or a deleted_at) do not count; "active" is an active/enabled flag when the
// table has one. Read through to_jsonb so the query does not depend on which of these columns a table has.
const COUNT_SQL = (table: string) => `
  SELECT count(*) FILTER (WHERE coalesce(to_jsonb(t) ->> 'status', '') <> 'deleted' AND to_jsonb(t) ->> 'deleted_at' IS NULL)::int AS total,
         count(*) FILTER (WHERE coalesce(to_jsonb(t) ->> 'active', to_jsonb(t) ->> 'enabled') = 'true'
                            AND to_jsonb(t) ->> 'deleted_at' IS NULL)::int AS active
  FROM ${table} t`;

/** `table` is a trusted, already-qualified name (the constants above, or a test's own table), never request input. */
export async function countLiveRows(db: Queryable, table: string): Promise<{ total: number; active: number }> {
  const { rows } = await db.query<{ total: number; active: number }>(COUNT_SQL(table));
  return rows[0];
}

export interface ResourceCounts {
  branches: number | null;
  backups: number | null;
  webhooks: { total: number; active: number } | null;
  realtime_subscriptions: number | null;
  storage: StorageTotals | null;
  unavailable: string[];
}

export async function moduleResourceCounts(ctx: TrestleContext): Promise<ResourceCounts> {
  const db = ctx.databases.control;
  const enabled = new Set(ctx.modules.filter((m) => m.enabled).map((m) => m.id));
  const { rows } = await db.query<{ name: string; present: boolean }>(
    `SELECT name, to_regclass(name) IS NOT NULL AS present FROM unnest($1::text[]) AS name`, [TABLE_SOURCES.map((s) => s.table)]);
  const present = new Set(rows.filter((r) => r.present).map((r) => r.name));
  const result: ResourceCounts = { branches: null, backups: null, webhooks: null, realtime_subscriptions: null, storage: null, unavailable: [] };
  await Promise.all([
    ...TABLE_SOURCES.map(async (s) => {
      if (!enabled.has(s.module) || !present.has(s.table)) {
        result.unavailable.push(s.key);
        return;
      }
      const c = await countLiveRows(db, s.table);
      if (s.key === 'webhooks') result.webhooks = { total: c.total, active: c.active };
      else result[s.key] = c.total;
    }),
    (async () => {
      // A realtime subscription is a table of the supabase_realtime publication of the active database.
      if (!enabled.has('realtime')) {
        result.unavailable.push('realtime_subscriptions');
        return;
      }
      result.realtime_subscriptions = (await listPublished(ctx.databases.active)).length;
    })(),
    (async () => {
      // Buckets and objects live in the active database's storage schema.
      result.storage = enabled.has('storage') ? await storageTotals(ctx.databases.active) : null;
      if (!result.storage) result.unavailable.push('storage');
    })(),
  ]);
  result.unavailable.sort();
  return result;
}
