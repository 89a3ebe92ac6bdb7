// For the dashboard's hint: does any RLS policy on storage.objects let anon / authenticated callers reach a bucket?
// A policy counts for a bucket when it names the bucket's id as a literal, or does not mention bucket_id at all.
// This reads policy text; it cannot prove a policy grants anything, only that one exists that could.
import type { Queryable } from '../db/database.js';

export interface PolicyCoverage {
  anon: boolean;
  authenticated: boolean;
}

interface PolicyRow {
  roles: string[];
  expr: string;
}

function mentions(expr: string, bucketId: string): boolean {
  if (!/\bbucket_id\b/.test(expr)) return true;
  return expr.includes(`'${bucketId.replace(/'/g, "''")}'`);
}

export async function policyCoverage(db: Queryable, bucketIds: string[]): Promise<Map<string, PolicyCoverage>> {
  const { rows } = await db.query<PolicyRow>(
    `SELECT roles::text[] AS roles, coalesce(qual, '') || ' ' || coalesce(with_check, '') AS expr
       FROM pg_policies WHERE schemaname = 'storage' AND tablename = 'objects'`);
  const result = new Map<string, PolicyCoverage>();
  for (const id of bucketIds) {
    const applying = rows.filter((r) => mentions(r.expr, id));
    const covers = (role: string) => applying.some((r) => r.roles.includes(role) || r.roles.includes('public'));
    result.set(id, { anon: covers('anon'), authenticated: covers('authenticated') });
  }
  return result;
}
