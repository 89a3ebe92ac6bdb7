// Takes the next batch of captured changes out of the outbox together with the catalog facts needed to judge them:
// one statement, so the policies and privileges read are those in force when the changes were taken.
import type { Database } from '../db/database.js';
import { runPipeline } from '../rest/pipeline.js';
import type { CapturedChange, Operation, TableMeta } from './types.js';

export const BATCH_SIZE = 500;
export const API_ROLES = ['anon', 'authenticated', 'service_role'] as const;

const TABLE_META = `
  json_build_object(
    'relid', c.oid, 'schema', n.nspname, 'table', c.relname, 'rls', c.relrowsecurity, 'replicaIdentity', c.relreplident,
    'columns', coalesce((SELECT json_agg(json_build_object('name', a.attname, 'type', t.typname) ORDER BY a.attnum)
        FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
       WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]'),
    'primaryKey', coalesce((SELECT json_agg(a.attname ORDER BY k.ord)
        FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE i.indrelid = c.oid AND i.indisprimary), '[]'),
    'identity', coalesce((SELECT json_agg(a.attname ORDER BY k.ord)
        FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE i.indrelid = c.oid AND i.indisreplident), '[]'),
    'roles', (SELECT json_object_agg(r.rolname, json_build_object(
        'usage', has_schema_privilege(r.oid, n.oid, 'USAGE'),
        'bypass', r.rolbypassrls OR (pg_has_role(r.oid, c.relowner, 'USAGE') AND NOT c.relforcerowsecurity),
        'columns', coalesce((SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
           WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
             AND has_column_privilege(r.oid, c.oid, a.attnum, 'SELECT')), '[]'),
        'policies', coalesce((SELECT json_agg(json_build_object('permissive', p.polpermissive, 'qual', pg_get_expr(p.polqual, p.polrelid)) ORDER BY p.polname)
           FROM pg_policy p
          WHERE p.polrelid = c.oid AND p.polcmd IN ('r', '*') AND p.polqual IS NOT NULL
            AND (0 = ANY (p.polroles) OR EXISTS (SELECT 1 FROM unnest(p.polroles) AS pr(oid) WHERE pg_has_role(r.oid, pr.oid, 'USAGE')))), '[]')))
      FROM pg_roles r WHERE r.rolname IN ('anon', 'authenticated', 'service_role')))`;

/** Oldest first; removed from the outbox in the same statement (one reader: the active database's hub). */
const TAKE = `
  WITH taken AS (
    DELETE FROM trestle.realtime_changes
     WHERE id IN (SELECT id FROM trestle.realtime_changes ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, relid, schema_name, table_name, op, new_row, old_row, captured_at,
              greatest(octet_length(new_row::text), octet_length(old_row::text)) AS bytes
  )
  SELECT json_build_object(
    'changes', coalesce((SELECT json_agg(json_build_object('id', id, 'kind', kind, 'relid', relid, 'schema', schema_name,
        'table', table_name, 'op', op, 'new', new_row::text, 'old', old_row::text, 'at', captured_at, 'bytes', bytes) ORDER BY id) FROM taken), '[]'),
    'tables', coalesce((SELECT json_agg(${TABLE_META}) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE c.oid IN (SELECT relid FROM taken WHERE kind = 'change')), '[]'))::text`;

/** Row images arrive as JSON text: checks send Postgres its own text back (no precision lost on big numbers). */
interface TakenRow {
  id: number; kind: string; relid: number | null; schema: string; table: string; op: string;
  new: string | null; old: string | null; at: string; bytes: number | null;
}

export interface ChangeBatch {
  changes: CapturedChange[];
  tables: Map<number, TableMeta>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const parseImage = (text: string | null) => {
  const v: unknown = text === null ? null : JSON.parse(text);
  return isObject(v) ? v : null;
};

function toChange(r: TakenRow): CapturedChange | null {
  if (r.kind === 'message') {
    const m = (r.new ? JSON.parse(r.new) : {}) as Record<string, unknown>;
    if (typeof m.topic !== 'string' || typeof m.event !== 'string') return null;
    return { kind: 'message', id: r.id, messageId: String(m.id ?? r.id), topic: m.topic, event: m.event, payload: m.payload ?? null, private: m.private === true };
  }
  if (r.relid === null || (r.op !== 'INSERT' && r.op !== 'UPDATE' && r.op !== 'DELETE')) return null;
  return {
    kind: 'change', id: r.id, relid: r.relid, schema: r.schema, table: r.table, op: r.op as Operation,
    record: parseImage(r.new), old: parseImage(r.old), recordJson: r.new, oldJson: r.old,
    at: new Date(r.at).toISOString(), bytes: r.bytes ?? 0,
  };
}

/**
 * The next batch, or null when the outbox is empty. Policies are deparsed with an empty search_path so that every
 * name in them comes out schema-qualified and means the same thing when evaluated on another connection.
 */
export async function takeBatch(db: Database, limit = BATCH_SIZE): Promise<ChangeBatch | null> {
  const rows = await db.withClient((client) => runPipeline(client, [
    { text: "SELECT set_config('search_path', '', true)", prepare: true },
    { text: TAKE, values: [limit], rows: true, prepare: true },
  ]));
  const parsed = JSON.parse(rows[1]![0][0] ?? '{}') as { changes: TakenRow[]; tables: TableMeta[] };
  if (parsed.changes.length === 0) return null;
  const changes = parsed.changes.map(toChange).filter((c): c is CapturedChange => c !== null);
  return { changes, tables: new Map(parsed.tables.map((t) => [t.relid, t])) };
}

/**
 * Changes captured while nobody was draining are not news: those older than a minute (Trestle was stopped), or all
 * captured before `before` (a database that just became active: its changes were made while another was served).
 */
export async function discardStale(db: Database, before?: Date): Promise<void> {
  if (before) await db.query('DELETE FROM trestle.realtime_changes WHERE captured_at < $1', [before]);
  else await db.query(`DELETE FROM trestle.realtime_changes WHERE captured_at < clock_timestamp() - interval '1 minute'`);
}
