// Reads the audit log with filters and a total, newest first.
import type { Database } from '../../db/database.js';

export interface AuditFilter {
  limit: number;
  offset: number;
  action?: string;
  resource_type?: string;
  actor?: string;
  since?: string;
  until?: string;
}

const WHERE = `($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR resource_type = $2) AND ($3::text IS NULL OR actor = $3)
  AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)`;

export async function listAuditLog(db: Database, f: AuditFilter) {
  const params = [f.action ?? null, f.resource_type ?? null, f.actor ?? null, f.since ?? null, f.until ?? null];
  const [page, count, facets] = await Promise.all([
    db.query(
      `SELECT id::text, to_json(at) #>> '{}' AS at, actor, action, resource_type, resource_id, detail, request_id
       FROM trestle.audit_log WHERE ${WHERE} ORDER BY at DESC, id DESC LIMIT $6 OFFSET $7`,
      [...params, f.limit, f.offset]),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM trestle.audit_log WHERE ${WHERE}`, params),
    db.query<{ actions: string[] | null; resource_types: string[] | null }>(
      `SELECT (SELECT array_agg(DISTINCT action ORDER BY action) FROM trestle.audit_log) AS actions,
              (SELECT array_agg(DISTINCT resource_type ORDER BY resource_type) FROM trestle.audit_log) AS resource_types`),
  ]);
  return {
    entries: page.rows,
    total: count.rows[0].total,
    limit: f.limit,
    offset: f.offset,
    facets: { actions: facets.rows[0].actions ?? [], resource_types: facets.rows[0].resource_types ?? [] },
  };
}
