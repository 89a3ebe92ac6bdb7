// An upload from start to finish: checks that fail fast (bucket, key, size, MIME type, a rolled-back probe of the
// caller's RLS write), then the bytes into a staged blob, then publish + row commit. The blob is published before the
// row commits and held meanwhile, so a crash leaves either the old row (and an orphan blob the sweeper removes) or
// the new row with its bytes — never a row without bytes.
import type { Readable } from 'node:stream';
import { isDatabaseError } from '../db/pg-errors.js';
import type { BlobStore, StagedBlob } from './blob-store.js';
import type { BlobSweeper } from './blob-sweeper.js';
import type { Bucket, Buckets } from './buckets.js';
import type { Caller } from './caller.js';
import { StorageError, StorageErrors } from './errors.js';
import { mustBeAllowedMimeType, mustBeValidKey } from './limits.js';
import { objectMetadata, type Objects } from './objects.js';

export interface UploadTarget {
  caller: Caller;
  bucketId: string;
  name: string;
  upsert: boolean;
  /** Recorded as the row's owner: the caller's sub, or the owner a signed upload URL was made for. */
  ownerSub: string;
}

export interface FileDetails {
  mimetype: string;
  cacheControl: string;
  userMetadata: Record<string, unknown> | null;
}

export interface IncomingFile extends FileDetails {
  stream: Readable;
}

export interface StoredObject {
  id: string;
  /** bucket/name, Supabase's `Key`. */
  key: string;
}

const MAX_USER_METADATA_BYTES = 1024 * 1024;
/** Below this declared size the body is cheaper to receive than a rolled-back write: only the real write checks RLS. */
const PROBE_ABOVE_BYTES = 1024 * 1024;

export class Uploads {
  constructor(
    private readonly buckets: Buckets,
    private readonly objects: Objects,
    private readonly blobs: BlobStore,
    private readonly sweeper: BlobSweeper,
  ) {}

  /** Everything that can be refused before the body is read. Returns the bucket (for its limits). */
  async prepare(t: UploadTarget, known: { mimetype?: string; size?: number; probe?: boolean } = {}): Promise<Bucket> {
    mustBeValidKey(t.name);
    const bucket = await this.buckets.lookup(t.bucketId);
    if (known.size !== undefined && bucket.file_size_limit !== null && known.size > bucket.file_size_limit) throw StorageErrors.entityTooLarge();
    if (known.mimetype !== undefined) mustBeAllowedMimeType(known.mimetype, bucket.allowed_mime_types);
    if (known.size !== undefined && known.size <= PROBE_ABOVE_BYTES && !known.probe) return bucket;
    await this.objects.probeWrite(t.caller, {
      bucketId: t.bucketId, name: t.name, upsert: t.upsert, ownerSub: t.ownerSub, userMetadata: null,
      metadata: known.mimetype ? objectMetadata('probe', known.size ?? 0, known.mimetype, 'no-cache') : null,
    });
    return bucket;
  }

  /** Streams the body into a blob and commits the row. `prepare` must have passed for the same target. */
  async store(t: UploadTarget, bucket: Bucket, file: IncomingFile): Promise<StoredObject> {
    try {
      mustBeAllowedMimeType(file.mimetype, bucket.allowed_mime_types);
      mustBeSmallUserMetadata(file.userMetadata);
    } catch (err) {
      file.stream.resume(); // drained, so the client still reads the answer
      throw err;
    }
    const staged = await this.blobs.stage(file.stream, { maxBytes: bucket.file_size_limit });
    return this.commit(t, staged, file);
  }

  /** Publishes a staged blob and writes its row as the caller. */
  async commit(t: UploadTarget, staged: StagedBlob, file: FileDetails): Promise<StoredObject> {
    this.sweeper.hold(staged.id);
    let published = false;
    try {
      await staged.publish();
      published = true;
      const id = await this.objects.write(t.caller, {
        bucketId: t.bucketId, name: t.name, version: staged.id, upsert: t.upsert, ownerSub: t.ownerSub,
        metadata: objectMetadata(staged.id, staged.size, file.mimetype, file.cacheControl), userMetadata: file.userMetadata,
      });
      // An overwrite leaves the previous blob unreferenced here (other databases may still use it).
      if (t.upsert) this.sweeper.schedule();
      return { id, key: `${t.bucketId}/${t.name}` };
    } catch (err) {
      // A refusal from the database rolled the row back for sure; anything else (a lost connection after COMMIT
      // was sent) might have committed, so the sweeper decides from the references instead.
      if (!published || err instanceof StorageError || isDatabaseError(err)) await staged.discard().catch(() => undefined);
      else this.sweeper.schedule();
      throw err;
    } finally {
      this.sweeper.release(staged.id);
    }
  }
}

function mustBeSmallUserMetadata(metadata: Record<string, unknown> | null): void {
  if (metadata && Buffer.byteLength(JSON.stringify(metadata)) > MAX_USER_METADATA_BYTES) throw StorageErrors.entityTooLarge('user_metadata');
}
