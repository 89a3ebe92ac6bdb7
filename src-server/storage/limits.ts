// What Supabase Storage accepts as bucket names, object keys, size limits and MIME types. Object keys are only ever
// data (the bytes live under generated ids), so the key rules are about clean names, not about file-system safety.
import { StorageErrors } from './errors.js';

const BUCKET_NAME = /^[\w!\-.*'() &$@=;:+,?]{1,100}$/;
const MAX_KEY_BYTES = 1024;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function mustBeValidBucketName(name: string): void {
  if (!BUCKET_NAME.test(name) || name === '.' || name === '..') throw StorageErrors.invalidBucketName(name);
}

/** Non-empty, at most 1024 bytes, no control characters (NUL included), no empty segment (leading, trailing or double /). */
export function mustBeValidKey(key: string): void {
  if (key === '' || Buffer.byteLength(key) > MAX_KEY_BYTES || CONTROL.test(key) || key.split('/').some((s) => s === '')) {
    throw StorageErrors.invalidKey(key);
  }
}

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };

/** A bucket's file_size_limit: bytes as a number, or a string such as "20MB", "1.5GB", "30KB", "3B" (decimal units). */
export function parseFileSizeLimit(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw StorageErrors.invalidRequest('file_size_limit must be a non-negative integer number of bytes');
    return value === 0 ? null : value;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?b)?\s*$/i.exec(value);
  if (!m) throw StorageErrors.invalidRequest('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B');
  const bytes = Math.round(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]);
  return bytes === 0 ? null : bytes;
}

export function normalizeMimeTypes(types: string[] | null | undefined): string[] | null {
  if (!types) return null;
  const cleaned = types.map((t) => t.trim().toLowerCase()).filter(Boolean);
  for (const t of cleaned) {
    if (!/^[\w.+-]+\/([\w.+-]+|\*)$/.test(t)) throw StorageErrors.invalidRequest(`Invalid mime type in allowed_mime_types: ${t.slice(0, 100)}`);
  }
  return cleaned.length ? cleaned : null;
}

/** `image/*` allows every image subtype; parameters (`; charset=…`) are ignored. */
export function mimeAllowed(mimeType: string, allowed: string[] | null): boolean {
  if (!allowed || allowed.length === 0) return true;
  const [type, subtype] = mimeType.split(';')[0].trim().toLowerCase().split('/');
  if (!type || !subtype) return false;
  return allowed.some((a) => {
    const [t, s] = a.split('/');
    return t === type && (s === '*' || s === subtype);
  });
}

export function mustBeAllowedMimeType(mimeType: string, allowed: string[] | null): void {
  if (!mimeAllowed(mimeType, allowed)) throw StorageErrors.invalidMimeType(mimeType);
}
