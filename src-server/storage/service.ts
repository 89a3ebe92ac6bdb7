// The storage module's services for one running Trestle: blob store, sweeper, buckets, objects, uploads, signed URLs
// and TUS, built once per context and started/stopped with the server.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TrestleContext } from '../context.js';
import { BlobSweeper } from './blob-sweeper.js';
import { Buckets } from './buckets.js';
import { callerDb, SERVICE, type Caller } from './caller.js';
import { DiskBlobStore } from './disk-blob-store.js';
import { StorageErrors } from './errors.js';
import { Objects, type ObjectRow } from './objects.js';
import { UrlSigner } from './signed-urls.js';
import type { TusUploads } from './tus-uploads.js';
import { Uploads } from './uploads.js';

/** How a download was authorised: as the caller (RLS), via a public bucket, or via a signed URL already verified. */
export type DownloadAccess = { kind: 'caller'; caller: Caller } | { kind: 'public' } | { kind: 'signed' };

const TUS_CLEANUP_INTERVAL_MS = 3_600_000;

export class StorageService {
  readonly blobs: DiskBlobStore;
  readonly sweeper: BlobSweeper;
  readonly buckets: Buckets;
  readonly objects: Objects;
  readonly uploads: Uploads;
  readonly signer: UrlSigner;
  private tusUploads?: TusUploads;
  private tusLoading?: Promise<TusUploads>;
  private tusTimer?: NodeJS.Timeout;

  constructor(private readonly ctx: TrestleContext) {
    const db = callerDb(ctx);
    this.blobs = new DiskBlobStore(ctx.config.storageDir);
    this.sweeper = new BlobSweeper(ctx, this.blobs, ctx.log);
    this.buckets = new Buckets(db);
    this.objects = new Objects(db);
    this.uploads = new Uploads(this.buckets, this.objects, this.blobs, this.sweeper);
    this.signer = new UrlSigner(ctx.jwtSecret);
  }

  /** Created on first use (its file store makes its directory at once); @tus/server is loaded then, not at start-up. */
  tus(): Promise<TusUploads> {
    this.tusLoading ??= import('./tus-uploads.js').then(({ TusUploads }) => {
      this.tusUploads = new TusUploads(this.ctx.config.storageDir, this.uploads, this.blobs);
      return this.tusUploads;
    });
    return this.tusLoading;
  }

  /** Leftovers of a previous run: temporary files of interrupted uploads, then a sweep for orphaned blobs. */
  async start(): Promise<void> {
    const cleaned = await this.blobs.cleanTemporary();
    if (cleaned) this.ctx.log.info({ files: cleaned }, 'storage: temporary files of interrupted uploads removed');
    const hasUploads = await fs.stat(path.join(this.ctx.config.storageDir, 'uploads')).then(() => true, () => false);
    if (hasUploads) await (await this.tus()).cleanExpired();
    this.tusTimer = setInterval(() => {
      if (this.tusUploads) this.tusUploads.cleanExpired().catch((err: Error) => this.ctx.log.warn({ err: err.message }, 'storage: TUS cleanup failed'));
    }, TUS_CLEANUP_INTERVAL_MS);
    this.tusTimer.unref();
    for await (const _ of this.blobs.list()) {
      this.sweeper.schedule();
      break;
    }
  }

  async stop(): Promise<void> {
    if (this.tusTimer) clearInterval(this.tusTimer);
    await this.sweeper.stop();
  }

  /** The row to serve, checked the way Supabase Storage checks each download route. */
  async objectForDownload(access: DownloadAccess, bucketId: string, name: string, version?: string): Promise<ObjectRow> {
    if (access.kind === 'signed') return this.objects.find(SERVICE, bucketId, name, version);
    if (access.kind === 'caller' && access.caller.role === 'service_role') {
      // The service reads every bucket alike: the bucket is only looked up to tell a missing bucket from a missing key.
      return this.objects.find(access.caller, bucketId, name, version).catch(async (err) => {
        await this.buckets.lookup(bucketId);
        throw err;
      });
    }
    const bucket = await this.buckets.lookup(bucketId);
    if (access.kind === 'public') {
      if (!bucket.public) throw StorageErrors.noSuchBucket();
      return this.objects.find(SERVICE, bucketId, name, version);
    }
    // A public bucket's objects are readable by anyone, so RLS is not consulted for them.
    return this.objects.find(bucket.public ? SERVICE : access.caller, bucketId, name, version);
  }

  /** Buckets with object counts and bytes (management API, dashboard). */
  async bucketsWithUsage() {
    const [buckets, usage] = await Promise.all([this.buckets.list(SERVICE), this.objects.countByBucket()]);
    const byBucket = new Map(usage.map((u) => [u.bucket_id, u]));
    return buckets.map((b) => ({ ...b, object_count: byBucket.get(b.id)?.objects ?? 0, total_bytes: byBucket.get(b.id)?.bytes ?? 0 }));
  }
}

const services = new WeakMap<TrestleContext, StorageService>();

/** The storage services of a running Trestle (one per context). */
export function storageService(ctx: TrestleContext): StorageService {
  let service = services.get(ctx);
  if (!service) {
    service = new StorageService(ctx);
    services.set(ctx, service);
  }
  return service;
}
