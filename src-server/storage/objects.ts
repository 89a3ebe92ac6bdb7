// Object rows in storage.objects, always changed as the caller so RLS decides. `version` names the blob that holds
// the bytes (as in Supabase's file backend); a copy shares its source's blob, which is immutable.
import crypto from 'node:crypto';
import type { Caller, CallerDb, Tx } from './caller.js';
import { ownerColumns, SERVICE } from './caller.js';
import { StorageErrors } from './errors.js';

export interface ObjectMetadata {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
}

export interface ObjectRow {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  version: string | null;
  metadata: ObjectMetadata | null;
  user_metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
  last_accessed_at: string;
}

export interface ObjectWrite {
  bucketId: string;
  name: string;
  version: string;
  metadata: ObjectMetadata | null;
  userMetadata: Record<string, unknown> | null;
  upsert: boolean;
  /** The owner recorded on the row: the caller's sub, or a signed upload URL's owner. */
  ownerSub: string;
}

export interface MoveInput {
  bucketId: string;
  sourceKey: string;
  destinationBucket?: string;
  destinationKey: string;
  sourceVersionId?: string;
}

export interface CopyInput extends MoveInput {
  copyMetadata?: boolean;
  metadata?: { cacheControl?: string; mimetype?: string };
}

export interface ListOptions {
  prefix?: string;
  limit?: number;
  offset?: number;
  search?: string;
  sortBy?: { column?: string; order?: string };
}

export interface ListEntry {
  name: string;
  id: string | null;
  updated_at: string | null;
  created_at: string | null;
  last_accessed_at: string | null;
  metadata: Record<string, unknown> | null;
}

export interface ListV2Options {
  prefix?: string;
  limit?: number;
  cursor?: string;
  with_delimiter?: boolean;
  sortBy?: { column?: string; order?: string };
}

const rowColumns = (alias: string) => ['id', 'bucket_id', 'name', 'owner::text AS owner', 'owner_id', 'version', 'metadata', 'user_metadata',
  'created_at', 'updated_at', 'last_accessed_at'].map((c) => `${alias}.${c}`).join(', ');
const ROW = rowColumns('o');

export function objectMetadata(version: string, size: number, mimetype: string, cacheControl: string): ObjectMetadata {
  return {
    eTag: `"${version}"`, size, mimetype, cacheControl, lastModified: new Date().toUTCString(), contentLength: size, httpStatusCode: 200,
  };
}

/** Thrown inside a transaction to roll a permission probe back. */
const PROBE_DONE = Symbol('probe done');

function writeError(err: unknown): never {
  const code = (err as { code?: string }).code;
  if (code === '23505') throw StorageErrors.keyAlreadyExists();
  if (code === '23503') throw StorageErrors.noSuchBucket();
  throw err;
}

/** The INSERT of an upload; with upsert it replaces the row at the same name and returns its id. */
function insertStatement(w: ObjectWrite, id: string): { text: string; values: unknown[] } {
  const { owner, owner_id } = ownerColumns(w.ownerSub);
  const values = [id, w.bucketId, w.name, owner, owner_id, w.version, w.metadata, w.userMetadata];
  const insert = `INSERT INTO storage.objects (id, bucket_id, name, owner, owner_id, version, metadata, user_metadata)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
  if (!w.upsert) return { text: insert, values };
  return {
    text: `${insert} ON CONFLICT (bucket_id, name) DO UPDATE SET owner = excluded.owner, owner_id = excluded.owner_id,
      version = excluded.version, metadata = excluded.metadata, user_metadata = excluded.user_metadata, last_accessed_at = now()
      RETURNING id`,
    values,
  };
}

const FIND = `SELECT ${ROW} FROM storage.objects o WHERE o.bucket_id = $1 AND o.name = $2 AND ($3::text IS NULL OR o.version = $3)`;

async function findIn(tx: Tx, bucketId: string, name: string, version?: string, lock = ''): Promise<ObjectRow | null> {
  const { rows } = await tx.query<ObjectRow>(`${FIND} ${lock}`, [bucketId, name, version ?? null]);
  return rows[0] ?? null;
}

export class Objects {
  constructor(private readonly db: CallerDb) {}

  async find(caller: Caller, bucketId: string, name: string, version?: string): Promise<ObjectRow> {
    const [row] = await this.db.query<ObjectRow>(caller, 'storage.object.get', FIND, [bucketId, name, version ?? null]);
    if (!row) throw StorageErrors.noSuchKey();
    return row;
  }

  /** Which of `names` exist in the bucket and are visible to the caller. */
  async visibleNames(caller: Caller, bucketId: string, names: string[]): Promise<Set<string>> {
    const rows = await this.db.query<{ name: string }>(caller, 'storage.object.sign',
      'SELECT name FROM storage.objects WHERE bucket_id = $1 AND name = ANY($2::text[])', [bucketId, names]);
    return new Set(rows.map((r) => r.name));
  }

  /** The write the upload will make, tried and rolled back, so a refused upload fails before its bytes are sent. */
  async probeWrite(caller: Caller, w: Omit<ObjectWrite, 'version'>): Promise<void> {
    const { text, values } = insertStatement({ ...w, version: crypto.randomUUID() }, crypto.randomUUID());
    try {
      await this.db.transaction(caller, 'storage.object.upload.probe', async (tx) => {
        await tx.query(text, values).catch(writeError);
        throw PROBE_DONE;
      });
    } catch (err) {
      if (err !== PROBE_DONE) throw err;
    }
  }

  /** Inserts (or with upsert replaces) the row pointing at a published blob; returns the row id. */
  async write(caller: Caller, w: ObjectWrite): Promise<string> {
    const id = crypto.randomUUID();
    const { text, values } = insertStatement(w, id);
    if (!w.upsert) {
      // No RETURNING: a plain upload needs only an INSERT policy, as on Supabase.
      await this.db.execute(caller, 'storage.object.upload', text, values).catch(writeError);
      return id;
    }
    const [row] = await this.db.query<{ id: string }>(caller, 'storage.object.upsert', text, values).catch(writeError);
    return row.id;
  }

  async remove(caller: Caller, bucketId: string, entries: Array<string | { path: string; versionId: string }>): Promise<ObjectRow[]> {
    const names = entries.map((e) => (typeof e === 'string' ? e : e.path));
    const versions = entries.map((e) => (typeof e === 'string' ? null : e.versionId));
    return this.db.query<ObjectRow>(caller, 'storage.object.delete_many',
      `DELETE FROM storage.objects o USING unnest($2::text[], $3::text[]) AS t(name, version)
        WHERE o.bucket_id = $1 AND o.name = t.name AND (t.version IS NULL OR o.version = t.version)
        RETURNING ${ROW}`,
      [bucketId, names, versions]);
  }

  /** Deletes every object whose name starts with `prefix` (a folder in the dashboard's browser). */
  async removeUnder(caller: Caller, bucketId: string, prefix: string): Promise<number> {
    const rows = await this.db.query(caller, 'storage.object.delete_folder',
      'DELETE FROM storage.objects WHERE bucket_id = $1 AND starts_with(name, $2) RETURNING id', [bucketId, prefix]);
    return rows.length;
  }

  /** Deletes one object; "not found" when it does not exist or the caller may not see it, "denied" when it may not delete it. */
  async removeOne(caller: Caller, bucketId: string, name: string): Promise<ObjectRow> {
    return this.db.transaction(caller, 'storage.object.delete', async (tx) => {
      const row = await findIn(tx, bucketId, name);
      if (!row) throw StorageErrors.noSuchKey();
      const { rowCount } = await tx.query('DELETE FROM storage.objects WHERE id = $1', [row.id]);
      if (!rowCount) throw StorageErrors.accessDenied('Access denied');
      return row;
    });
  }

  async move(caller: Caller, m: MoveInput): Promise<{ id: string; bucketId: string; name: string }> {
    const destinationBucket = m.destinationBucket || m.bucketId;
    const { owner, owner_id } = ownerColumns(caller.sub);
    return this.db.transaction(caller, 'storage.object.move', async (tx) => {
      const source = await findIn(tx, m.bucketId, m.sourceKey, m.sourceVersionId);
      if (!source) throw StorageErrors.noSuchKey();
      const { rows } = await tx.query<{ id: string }>(
        `UPDATE storage.objects SET bucket_id = $2, name = $3, owner = $4, owner_id = $5, last_accessed_at = now()
          WHERE id = $1 RETURNING id`,
        [source.id, destinationBucket, m.destinationKey, owner, owner_id]).catch(writeError);
      if (!rows[0]) throw StorageErrors.accessDenied('Access denied');
      return { id: rows[0].id, bucketId: destinationBucket, name: m.destinationKey };
    });
  }

  async copy(caller: Caller, c: CopyInput): Promise<{ id: string; bucketId: string; name: string }> {
    const destinationBucket = c.destinationBucket || c.bucketId;
    return this.db.transaction(caller, 'storage.object.copy', async (tx) => {
      // FOR SHARE: a concurrent delete of the source waits, so the blob sweeper never sees both rows gone.
      const source = await findIn(tx, c.bucketId, c.sourceKey, c.sourceVersionId, 'FOR SHARE');
      if (!source?.version || !source.metadata) throw StorageErrors.noSuchKey();
      const metadata: ObjectMetadata = { ...source.metadata, lastModified: new Date().toUTCString() };
      if (c.copyMetadata === false) {
        if (c.metadata?.cacheControl !== undefined) metadata.cacheControl = c.metadata.cacheControl;
        if (c.metadata?.mimetype !== undefined) metadata.mimetype = c.metadata.mimetype;
      }
      const id = crypto.randomUUID();
      const { text, values } = insertStatement({
        bucketId: destinationBucket, name: c.destinationKey, version: source.version, metadata,
        userMetadata: c.copyMetadata === false ? null : source.user_metadata, upsert: false, ownerSub: caller.sub,
      }, id);
      await tx.query(text, values).catch(writeError);
      return { id, bucketId: destinationBucket, name: c.destinationKey };
    });
  }

  /** storage-js list(): one folder level, as storage.search returns it. */
  async list(caller: Caller, bucketId: string, o: ListOptions): Promise<ListEntry[]> {
    let prefix = o.prefix ?? '';
    if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
    return this.db.query<ListEntry>(caller, 'storage.object.list',
      'SELECT name, id, updated_at, created_at, last_accessed_at, metadata FROM storage.search($1, $2, $3, $4, $5, $6, $7)',
      [prefix, bucketId, o.limit ?? 100, o.offset ?? 0, o.search ?? '', o.sortBy?.column ?? 'name', o.sortBy?.order ?? 'asc']);
  }

  /** storage-js listV2(): keys under a prefix, optionally grouped into folders at the next '/', paged by an opaque cursor. */
  async listV2(caller: Caller, bucketId: string, o: ListV2Options) {
    const prefix = o.prefix ?? '';
    const limit = Math.min(Math.max(o.limit ?? 1000, 1), 1000);
    const offset = decodeCursor(o.cursor);
    const desc = o.sortBy?.order === 'desc';
    const column = ['updated_at', 'created_at'].includes(o.sortBy?.column ?? '') ? o.sortBy!.column! : 'name';
    const order = column === 'name' ? `e.key COLLATE "C" ${desc ? 'DESC' : 'ASC'}`
      : `e.folder DESC, e.${column} ${desc ? 'DESC' : 'ASC'}, e.key COLLATE "C"`;
    const rows = await this.db.query<ListEntry & { key: string; folder: boolean; version: string | null }>(caller, 'storage.object.list_v2',
        `WITH matched AS (
           SELECT o.*, substr(o.name, length($2) + 1) AS rest FROM storage.objects o WHERE o.bucket_id = $1 AND starts_with(o.name, $2)
         ), entries AS (
           SELECT DISTINCT $2 || split_part(m.rest, '/', 1) || '/' AS key, true AS folder, NULL::uuid AS id, NULL::timestamptz AS updated_at,
                  NULL::timestamptz AS created_at, NULL::timestamptz AS last_accessed_at, NULL::jsonb AS metadata, NULL::text AS version
             FROM matched m WHERE $3 AND strpos(m.rest, '/') > 0
           UNION ALL
           SELECT m.name, false, m.id, m.updated_at, m.created_at, m.last_accessed_at, m.metadata, m.version
             FROM matched m WHERE NOT $3 OR strpos(m.rest, '/') = 0
         )
         SELECT e.key AS name, e.key, e.folder, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata, e.version
           FROM entries e ORDER BY ${order} LIMIT $4 OFFSET $5`,
      [bucketId, prefix, Boolean(o.with_delimiter), limit + 1, offset]);
    const page = rows.slice(0, limit);
    const hasNext = rows.length > limit;
    return {
      hasNext,
      // a folder's key is its path without the delimiter, its name the prefix it stands for (`a/b`, `a/b/`)
      folders: page.filter((r) => r.folder).map((r) => ({ name: r.name, key: r.key.slice(0, -1) })),
      objects: page.filter((r) => !r.folder).map(({ folder: _f, ...r }) => r),
      ...(hasNext ? { nextCursor: Buffer.from(String(offset + limit)).toString('base64url') } : {}),
    };
  }

  /** The blob ids referenced in the active database (for tests and the dashboard's counts). */
  async countByBucket(): Promise<Array<{ bucket_id: string; objects: number; bytes: number }>> {
    return this.db.query(SERVICE, 'storage.object.count',
      `SELECT bucket_id, count(*)::int AS objects, coalesce(sum((metadata ->> 'size')::bigint), 0)::float8 AS bytes
         FROM storage.objects GROUP BY bucket_id`);
  }
}

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(n) || n < 0) throw StorageErrors.invalidParameter('cursor');
  return n;
}
