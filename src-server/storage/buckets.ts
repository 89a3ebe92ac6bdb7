// Buckets: rows of storage.buckets, read and changed as the caller (RLS on buckets), or looked up as the service for
// limits and public access.
import type { Caller, CallerDb } from './caller.js';
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
const FIND = `SELECT ${COLUMNS} FROM storage.buckets WHERE id = $1`;

function refuseDelete(err: unknown): never {
  throw (err as { code?: string }).code === '23503' ? StorageErrors.bucketNotEmpty() : err;
}

export class Buckets {
  constructor(private readonly db: CallerDb) {}

  async list(caller: Caller, opts: ListBucketsOptions = {}): Promise<Bucket[]> {
    const column = opts.sortColumn && SORTABLE.has(opts.sortColumn) ? opts.sortColumn : 'name';
    const order = opts.sortOrder === 'desc' ? 'DESC' : 'ASC';
    return this.db.query<Bucket>(caller, 'storage.bucket.list',
      `SELECT ${COLUMNS} FROM storage.buckets WHERE ($1::text IS NULL OR name ILIKE '%' || $1 || '%')
        ORDER BY ${column} ${order}, id LIMIT $2 OFFSET $3`,
      [opts.search || null, opts.limit ?? null, opts.offset ?? 0]);
  }

  /** As the caller: a bucket RLS hides is "not found", as in Supabase. */
  async get(caller: Caller, id: string): Promise<Bucket> {
    const [bucket] = await this.db.query<Bucket>(caller, 'storage.bucket.get', FIND, [id]);
    if (!bucket) throw StorageErrors.noSuchBucket();
    return bucket;
  }

  /** As the service: limits, public flag and existence, whatever the caller may see. */
  async lookup(id: string): Promise<Bucket> {
    return this.get(SERVICE, id);
  }

  /** Inserts as the caller without reading the row back (an INSERT policy is enough, as on Supabase). */
  async create(caller: Caller, input: BucketInput): Promise<string> {
    const id = input.id || input.name || '';
    const name = input.name || id;
    mustBeValidBucketName(id);
    mustBeValidBucketName(name);
    const limit = parseFileSizeLimit(input.file_size_limit);
    const mimes = normalizeMimeTypes(input.allowed_mime_types);
    const { owner, owner_id } = ownerColumns(caller.sub);
    await this.db.execute(caller, 'storage.bucket.create',
      `INSERT INTO storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, name, owner, owner_id, input.public ?? false, limit, mimes, input.type ?? 'STANDARD'],
    ).catch((err: { code?: string }) => {
      throw err.code === '23505' ? StorageErrors.bucketAlreadyExists() : err;
    });
    return id;
  }

  async update(caller: Caller, id: string, input: BucketInput): Promise<Bucket> {
    const limit = input.file_size_limit === undefined ? undefined : parseFileSizeLimit(input.file_size_limit);
    const mimes = input.allowed_mime_types === undefined ? undefined : normalizeMimeTypes(input.allowed_mime_types);
    const [bucket] = await this.db.query<Bucket>(caller, 'storage.bucket.update',
      `UPDATE storage.buckets SET
         public = CASE WHEN $2::boolean IS NULL THEN public ELSE $2 END,
         file_size_limit = CASE WHEN $3 THEN $4::bigint ELSE file_size_limit END,
         allowed_mime_types = CASE WHEN $5 THEN $6::text[] ELSE allowed_mime_types END,
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, input.public ?? null, limit !== undefined, limit ?? null, mimes !== undefined, mimes ?? null]);
    if (!bucket) throw StorageErrors.noSuchBucket();
    return bucket;
  }

  /** Deletes the objects the caller may delete; returns how many went. */
  async empty(caller: Caller, id: string): Promise<number> {
    return this.db.transaction(caller, 'storage.bucket.empty', async (tx) => {
      if ((await tx.query(FIND, [id])).rowCount === 0) throw StorageErrors.noSuchBucket();
      return (await tx.query('DELETE FROM storage.objects WHERE bucket_id = $1', [id])).rowCount ?? 0;
    });
  }

  async delete(caller: Caller, id: string): Promise<void> {
    const deleted = await this.db.query(caller, 'storage.bucket.delete', 'DELETE FROM storage.buckets WHERE id = $1 RETURNING id', [id])
      .catch(refuseDelete);
    if (deleted.length === 0) throw StorageErrors.noSuchBucket();
  }
}
