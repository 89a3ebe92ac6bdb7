// TUS resumable uploads (tus-js-client, Uppy) with @tus/server and its file store: chunks land in <root>/uploads;
// creation runs the same checks as a plain upload; the last chunk's request adopts the file as a blob and commits
// the row as the caller. Unfinished uploads survive restarts (resume continues) and expire after a day.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server, type ServerOptions, type Upload } from '@tus/server';
import type { BlobStore } from './blob-store.js';
import type { Caller } from './caller.js';
import { StorageError, toStorageError } from './errors.js';
import type { UploadTarget, Uploads } from './uploads.js';

export const TUS_PATH = '/storage/v1/upload/resumable';
const SIGNED_SUFFIX = '/sign';
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const EXPIRY_MS = 24 * 3_600_000;
/** Metadata keys Trestle adds at creation: who may continue the upload and whether it overwrites. */
const CREATOR = 'trestleCreator';
const UPSERT = 'trestleUpsert';

/** Set by the route for each TUS request before the server handles it. */
export interface TusRequestContext {
  caller: Caller;
  upsert: boolean;
  /** For /upload/resumable/sign: the x-signature check, given the bucket/object the upload is for. */
  verifySigned?: (bucketId: string, objectName: string) => Promise<{ owner: string; upsert: boolean }>;
}

/** The web Request @tus/server hands to its hooks (it carries the Node request as runtime.node.req). */
type ServerRequest = Parameters<NonNullable<ServerOptions['onIncomingRequest']>>[0];

interface TusError {
  status_code: number;
  body: string;
}

function tusError(err: unknown): TusError {
  if (typeof err === 'object' && err !== null && 'status_code' in err) return err as TusError;
  const se = toStorageError(err);
  return { status_code: se.statusCode, body: se.message };
}

export class TusUploads {
  readonly server: Server;
  private readonly store: FileStore;
  private readonly contexts = new WeakMap<IncomingMessage, TusRequestContext>();

  constructor(root: string, private readonly uploads: Uploads, private readonly blobs: BlobStore) {
    // No expiration in the store itself: it would look the finished upload up again after the last chunk (which
    // has become a blob by then). Stale uploads are removed by cleanExpired instead.
    this.store = new FileStore({ directory: path.join(root, 'uploads') });
    this.server = new Server({
      path: TUS_PATH,
      datastore: this.store,
      disableTerminationForFinishedUploads: true,
      allowedOrigins: () => true,
      allowedHeaders: ['apikey', 'x-upsert', 'x-signature', 'x-client-info'],
      namingFunction: () => crypto.randomBytes(16).toString('hex'),
      getFileIdFromRequest: (_req, last) => (last && UPLOAD_ID.test(last) ? last : undefined),
      generateUrl: (req, { proto, host, path: base, id }) =>
        `${proto}://${host}${base}${new URL(req.url).pathname.startsWith(TUS_PATH + SIGNED_SUFFIX) ? SIGNED_SUFFIX : ''}/${id}`,
      onIncomingRequest: (req, id) => this.authorize(req, id),
      onUploadCreate: (req, upload) => this.create(req, upload),
      onUploadFinish: (req, upload) => this.finish(req, upload),
      onResponseError: (_req, err) => tusError(err),
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse, context: TusRequestContext): Promise<void> {
    this.contexts.set(req, context);
    await this.server.handle(req, res);
  }

  /** Removes unfinished uploads created more than a day ago (their chunks and their info files). */
  async cleanExpired(now = Date.now()): Promise<number> {
    let ids: string[];
    try {
      ids = (await fsp.readdir(this.store.directory)).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).filter((id) => UPLOAD_ID.test(id));
    } catch {
      return 0;
    }
    let removed = 0;
    for (const id of ids) {
      const info = await this.store.configstore.get(id);
      const created = info?.creation_date ? Date.parse(info.creation_date) : 0;
      if (now - created < EXPIRY_MS) continue;
      await fsp.rm(path.join(this.store.directory, id), { force: true });
      await this.store.configstore.delete(id).catch(() => undefined);
      removed++;
    }
    return removed;
  }

  private context(req: ServerRequest): TusRequestContext {
    const node = req.runtime?.node?.req as IncomingMessage | undefined;
    const context = node && this.contexts.get(node);
    if (!context) throw new StorageError(500, 'InternalError', 'TUS request without a context');
    return context;
  }

  /** The upload's target for this request: signed uploads take owner and upsert from the x-signature token. */
  private async target(req: ServerRequest, bucketId: string, name: string, upsertAtCreation?: boolean): Promise<{ target: UploadTarget; creator: string }> {
    const context = this.context(req);
    if (context.verifySigned) {
      const signed = await context.verifySigned(bucketId, name);
      return {
        target: { caller: context.caller, bucketId, name, upsert: signed.upsert, ownerSub: signed.owner },
        creator: `signed:${signed.owner}`,
      };
    }
    const { caller } = context;
    return {
      target: { caller, bucketId, name, upsert: upsertAtCreation ?? context.upsert, ownerSub: caller.sub },
      creator: `${caller.role}:${caller.sub}`,
    };
  }

  /** Every request after the creation must come from whoever created the upload. */
  private async authorize(req: ServerRequest, id: string): Promise<void> {
    if (req.method === 'POST' || req.method === 'OPTIONS') return;
    const upload = await this.store.configstore.get(id);
    if (!upload) throw { status_code: 404, body: 'Upload not found' } satisfies TusError;
    const meta = upload.metadata ?? {};
    const { creator } = await this.target(req, meta.bucketName ?? '', meta.objectName ?? '', meta[UPSERT] === 'true');
    if (meta[CREATOR] !== creator) throw { status_code: 403, body: 'This upload was created by another caller' } satisfies TusError;
  }

  private async create(req: ServerRequest, upload: Upload): Promise<{ metadata: Record<string, string | null> }> {
    const meta = upload.metadata ?? {};
    if (upload.sizeIsDeferred) throw { status_code: 400, body: 'Upload-Length is required' } satisfies TusError;
    if (!meta.bucketName || !meta.objectName) throw { status_code: 400, body: 'Upload-Metadata must carry bucketName and objectName' } satisfies TusError;
    const { target, creator } = await this.target(req, meta.bucketName, meta.objectName);
    await this.uploads.prepare(target, { mimetype: meta.contentType || 'application/octet-stream', size: upload.size, probe: true });
    const cacheControl = /^\d+$/.test(meta.cacheControl ?? '') ? `max-age=${meta.cacheControl}` : (meta.cacheControl || 'no-cache');
    return { metadata: { ...meta, cacheControl, [CREATOR]: creator, [UPSERT]: String(target.upsert) } };
  }

  private async finish(req: ServerRequest, upload: Upload): Promise<{ headers: Record<string, string> }> {
    const meta = upload.metadata ?? {};
    const { target } = await this.target(req, meta.bucketName ?? '', meta.objectName ?? '', meta[UPSERT] === 'true');
    const staged = await this.blobs.adopt(path.join(this.store.directory, upload.id));
    let userMetadata: Record<string, unknown> | null = null;
    try {
      userMetadata = meta.metadata ? JSON.parse(meta.metadata) : null;
    } catch {
      // Supabase ignores user metadata that is not JSON
    }
    await this.uploads.commit(target, staged, {
      mimetype: meta.contentType || 'application/octet-stream', cacheControl: meta.cacheControl || 'no-cache', userMetadata,
    });
    await this.store.configstore.delete(upload.id).catch(() => undefined);
    return { headers: { 'Tus-Complete': '1' } };
  }
}
