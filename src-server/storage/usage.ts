// Totals for /v1/status: buckets, objects and their bytes in the active database (null without the storage schema).
import type { Queryable } from '../db/database.js';

export interface StorageTotals {
  buckets: number;
  objects: number;
  total_bytes: number;
}

export async function storageTotals(db: Queryable): Promise<StorageTotals | null> {
  const { rows: present } = await db.query<{ ok: boolean }>(`SELECT to_regclass('storage.objects') IS NOT NULL AS ok`);
  if (!present[0].ok) return null;
  const { rows } = await db.query<StorageTotals>(
    `SELECT (SELECT count(*)::int FROM storage.buckets) AS buckets, count(*)::int AS objects,
            coalesce(sum((metadata ->> 'size')::bigint), 0)::float8 AS total_bytes
       FROM storage.objects`);
  return rows[0];
}
