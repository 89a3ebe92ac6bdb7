// Writes an object's bytes as Supabase Storage does: Content-Type, Cache-Control (or Expires for signed URLs), ETag,
// Last-Modified, Accept-Ranges; single `Range` requests (206/416), If-None-Match / If-Modified-Since (304),
// `?download[=name]` as an attachment. Streams from the blob; HEAD sends the headers only.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ByteRange } from '../../storage/blob-store.js';
import { StorageErrors } from '../../storage/errors.js';
import type { ObjectRow } from '../../storage/objects.js';
import type { StorageService } from '../../storage/service.js';

export interface SendOptions {
  download?: string;
  /** For signed URLs: the token's expiry, sent as Expires instead of the object's Cache-Control. */
  expires?: Date;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` against `size`; null for a header to ignore (absent, several ranges, other units). */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function notModified(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const inm = request.headers['if-none-match'];
  if (inm) return inm.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);
  const ims = request.headers['if-modified-since'];
  if (!ims) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

function contentDisposition(download: string): string {
  if (download === '') return 'attachment;';
  const encoded = encodeURIComponent(download);
  return `attachment; filename=${encoded}; filename*=UTF-8''${encoded};`;
}

export async function sendObject(request: FastifyRequest, reply: FastifyReply, storage: StorageService, row: ObjectRow, opts: SendOptions = {}) {
  const meta = row.metadata;
  const etag = meta?.eTag ?? `"${row.version}"`;
  const lastModified = new Date(meta?.lastModified ?? row.updated_at);
  const mimetype = meta?.mimetype ?? 'application/octet-stream';
  // Objects are served from the dashboard's origin: HTML goes out as text (as Supabase Storage does), and whatever
  // else could run script there (SVG, XML…) is sandboxed into an opaque origin. PDFs keep the browser's viewer.
  reply.header('Content-Type', mimetype.includes('text/html') ? 'text/plain' : mimetype).header('X-Content-Type-Options', 'nosniff');
  if (!mimetype.startsWith('application/pdf')) reply.header('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'");
  reply.header('ETag', etag).header('Last-Modified', lastModified.toUTCString()).header('Accept-Ranges', 'bytes');
  if (opts.expires) reply.header('Expires', opts.expires.toUTCString());
  else reply.header('Cache-Control', meta?.cacheControl ?? 'no-cache');
  if (opts.download !== undefined) reply.header('Content-Disposition', contentDisposition(opts.download));
  if (notModified(request, etag, lastModified)) return reply.code(304).send();

  const stat = row.version ? await storage.blobs.stat(row.version) : null;
  if (!stat) {
    request.log.warn({ bucket: row.bucket_id, name: row.name, version: row.version }, 'storage: object row without bytes');
    throw StorageErrors.noSuchKey();
  }
  const range = parseRange(request.headers.range, stat.size);
  if (range === 'unsatisfiable') throw StorageErrors.invalidRange(stat.size);
  const length = range ? range.end - range.start + 1 : stat.size;
  if (range) reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`);
  reply.header('Content-Length', String(length));
  if (request.method === 'HEAD') return reply.send();
  const opened = await storage.blobs.open(row.version!, range ?? undefined);
  if (!opened) throw StorageErrors.noSuchKey();
  return reply.send(opened.stream);
}
