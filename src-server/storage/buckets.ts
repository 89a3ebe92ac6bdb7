// Buckets: rows of storage.buckets, read and changed as the caller (RLS on buckets), or looked up as the service for
// limits and public access.
import type { Caller, RunAs, Tx } from './caller.js';
import { ownerColumns, SERVICE } from './caller.js';
import { StorageErrors } from './errors.js';
import { mustBeValidBucketName, normalizeMimeTypes, parseFileSizeLimit } from './limits.js';

export interface Bucket {
  id: string;
  name: string;
  owner: string;
  public: boolean;
  type: string;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: string;
  updated_at: string;
}

export interface BucketInput {
  id?: string;
  name?: string;
  public?: boolean;
  file_size_limit?: number | string | null;
  allowed_mime_types?: string[] | null;
  type?: 'STANDARD' | 'ANALYTICS';
}

export interface ListBucketsOptions {
  limit?: number;
  offset?: number;
  search?: string;
  sortColumn?: 'id' | 'name' | 'created_at' | 'updated_at';
  sortOrder?: 'asc' | 'desc';
}

const COLUMNS = `id, name, coalesce(owner_id, owner::text, '') AS owner, coalesce(public, false) AS public, type,
  file_size_limit::float8 AS file_size_limit, allowed_mime_types, created_at, updated_at`;
const SORTABLE = new Set(['id', 'name', 'created_at', 'updated_at']);

async function findWith(tx: Tx, id: string): Promise<Bucket | null> {
  const { rows } = await tx.query<Bucket>(`SELECT ${COLUMNS} FROM storage.buckets WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export class Buckets {
  constructor(private readonly runAs: RunAs) {}

  async list(caller: Caller, opts: ListBucketsOptions = {}): Promise<Bucket[]> {
    const column = opts.sortColumn && SORTABLE.has(opts.sortColumn) ? opts.sortColumn : 'name';
    const order = opts.sortOrder === 'desc' ? 'DESC' : 'ASC';
    return this.runAs(caller, 'storage.bucket.list', async (tx) => {
      const { rows } = await tx.query<Bucket>(
        `SELECT ${COLUMNS} FROM storage.buckets WHERE ($1::text IS NULL OR name ILIKE '%' || $1 || '%')
          ORDER BY ${column} ${order}, id LIMIT $2 OFFSET $3`,
        [opts.search || null, opts.limit ?? null, opts.offset ?? 0]);
      return rows;
    });
  }

  /** As the caller: a bucket RLS hides is "not found", as in Supabase. */
  async get(caller: Caller, id: string): Promise<Bucket> {
    const bucket = await this.runAs(caller, 'storage.bucket.get', (tx) => findWith(tx, id));
    if (!bucket) throw StorageErrors.noSuchBucket();
    return bucket;
  }

  /** As the service: limits, public flag and existence, whatever the caller may see. */
  async lookup(id: string, tx?: Tx): Promise<Bucket> {
    const bucket = tx ? await findWith(tx, id) : await this.runAs(SERVICE, 'storage.bucket.lookup', (t) => findWith(t, id));
    if (!bucket) throw StorageErrors.noSuchBucket();
    return bucket;
  }

  async create(caller: Caller, input: BucketInput): Promise<Bucket> {
    const id = input.id || input.name || '';
    const name = input.name || id;
    mustBeValidBucketName(id);
    mustBeValidBucketName(name);
    const limit = parseFileSizeLimit(input.file_size_limit);
    const mimes = normalizeMimeTypes(input.allowed_mime_types);
    const { owner, owner_id } = ownerColumns(caller.sub);
    return this.runAs(caller, 'storage.bucket.create', async (tx) => {
      const { rows } = await tx.query<Bucket>(
        `INSERT INTO storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [id, name, owner, owner_id, input.public ?? false, limit, mimes, input.type ?? 'STANDARD'],
      ).catch((err: { code?: string }) => {
        throw err.code === '23505' ? StorageErrors.bucketAlreadyExists() : err;
      });
      return rows[0];
    });
  }

  async update(caller: Caller, id: string, input: BucketInput): Promise<Bucket> {
    const limit = input.file_size_limit === undefined ? undefined : parseFileSizeLimit(input.file_size_limit);
    const mimes = input.allowed_mime_types === undefined ? undefined : normalizeMimeTypes(input.allowed_mime_types);
    return this.runAs(caller, 'storage.bucket.update', async (tx) => {
      const { rows } = await tx.query<Bucket>(
        `UPDATE storage.buckets SET
           public = CASE WHEN $2::boolean IS NULL THEN public ELSE $2 END,
           file_size_limit = CASE WHEN $3 THEN $4::bigint ELSE file_size_limit END,
           allowed_mime_types = CASE WHEN $5 THEN $6::text[] ELSE allowed_mime_types END,
           updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, input.public ?? null, limit !== undefined, limit ?? null, mimes !== undefined, mimes ?? null]);
      if (!rows[0]) throw StorageErrors.noSuchBucket();
      return rows[0];
    });
  }

  /** Deletes the objects the caller may delete; returns the blob ids whose rows are gone. */
  async empty(caller: Caller, id: string): Promise<string[]> {
    return this.runAs(caller, 'storage.bucket.empty', async (tx) => {
      if (!(await findWith(tx, id))) throw StorageErrors.noSuchBucket();
      const { rows } = await tx.query<{ version: string | null }>(
        'DELETE FROM storage.objects WHERE bucket_id = $1 RETURNING version', [id]);
      return rows.flatMap((r) => (r.version ? [r.version] : []));
    });
  }

  async delete(caller: Caller, id: string): Promise<void> {
    await this.runAs(caller, 'storage.bucket.delete', async (tx) => {
      const { rowCount } = await tx.query('DELETE FROM storage.buckets WHERE id = $1', [id]).catch((err: { code?: string }) => {
        throw err.code === '23503' ? StorageErrors.bucketNotEmpty() : err;
      });
      if (!rowCount) throw StorageErrors.noSuchBucket();
    });
  }
}
