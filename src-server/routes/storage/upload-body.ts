// The two upload encodings storage-js sends. multipart/form-data: fields cacheControl, metadata (JSON) and optionally
// contentType, then the file part (named '' by storage-js), whose own Content-Type is the object's. Anything else: the
// raw body, with Content-Type, Cache-Control and x-metadata (base64 JSON) headers.
import type { FastifyRequest } from 'fastify';
import { StorageErrors } from '../../storage/errors.js';
import type { IncomingFile } from '../../storage/uploads.js';

function parseJsonObject(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null; // Supabase ignores user metadata that is not JSON
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function declaredLength(request: FastifyRequest): number | undefined {
  const raw = header(request, 'content-length');
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export function isMultipart(request: FastifyRequest): boolean {
  return (header(request, 'content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** The raw body's details are known from its headers before it is read. */
export function rawDetails(request: FastifyRequest): Omit<IncomingFile, 'stream'> {
  const xMetadata = header(request, 'x-metadata');
  return {
    mimetype: header(request, 'content-type') || 'application/octet-stream',
    cacheControl: header(request, 'cache-control') || 'no-cache',
    userMetadata: xMetadata ? parseJsonObject(Buffer.from(xMetadata, 'base64').toString('utf8')) : null,
  };
}

export async function incomingFile(request: FastifyRequest): Promise<IncomingFile> {
  if (!isMultipart(request)) return { ...rawDetails(request), stream: request.raw };
  const part = await request.file({ limits: { files: 1, fields: 10, fieldSize: 1024 * 1024 + 1024 } })
    .catch(() => undefined);
  if (!part) throw StorageErrors.noContent();
  const field = (name: string) => {
    const f = part.fields[name];
    const one = Array.isArray(f) ? f[0] : f;
    return one && one.type === 'field' && typeof one.value === 'string' ? one.value : undefined;
  };
  const cacheTime = field('cacheControl');
  return {
    stream: part.file,
    mimetype: field('contentType') || part.mimetype || 'application/octet-stream',
    cacheControl: cacheTime ? `max-age=${cacheTime}` : 'no-cache',
    userMetadata: parseJsonObject(field('metadata') ?? field('userMetadata')),
  };
}
