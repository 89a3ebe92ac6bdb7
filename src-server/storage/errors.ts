// Supabase Storage's error table and wire shape, in one place. The body carries the intended status as a string
// (`statusCode`) while the HTTP status is 400 for every client error (500s stay 500s), as Supabase Storage answers;
// storage-js reads `statusCode`, `code` and `message` from the body.
import type { FastifyError } from 'fastify';
import { isDatabaseError } from '../db/pg-errors.js';
import { ApiError } from '../errors.js';

export interface StorageErrorBody {
  statusCode: string;
  code: string;
  error: string;
  message: string;
}

/**
 * An ApiError whose statusCode is the status Supabase Storage means: under /v1 and /api the shared error handler
 * answers with it in Trestle's shape; under /storage/v1 it is rendered in Storage's.
 */
export class StorageError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    /** The legacy `error` field some clients match on; the code when Supabase has none. */
    readonly error: string = code,
    /** HTTP status under /storage/v1 when it is not the default (400 for client errors). */
    readonly httpStatus?: number,
    headers: Record<string, string> = {},
  ) {
    super(status, code, message, { headers });
  }

  get wireStatus(): number {
    return this.httpStatus ?? (this.statusCode >= 500 ? this.statusCode : 400);
  }

  render(): StorageErrorBody {
    return { statusCode: String(this.statusCode), code: this.code, error: this.error, message: this.message };
  }
}

export const StorageErrors = {
  noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', 'not_found'),
  bucketAlreadyExists: () => new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', 'Duplicate'),
  keyAlreadyExists: () => new StorageError(409, 'KeyAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketNotEmpty: () => new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  accessDenied: (message = 'new row violates row-level security policy') => new StorageError(403, 'AccessDenied', message, 'Unauthorized'),
  invalidJwt: (message: string) => new StorageError(403, 'InvalidJWT', message, 'Unauthorized'),
  /** Missing or unknown API key (the shared auth hook's 401s). */
  invalidApiKey: (code: string, message: string) => new StorageError(401, code, message, 'Unauthorized'),
  /** A role the route does not allow: answered with HTTP 403, as Storage's role enforcement does. */
  insufficientRole: (message: string) => new StorageError(403, 'AccessDenied', message, 'Unauthorized', 403),
  invalidBucketName: (name: string) => new StorageError(400, 'InvalidBucketName', `Bucket name invalid: ${JSON.stringify(name).slice(0, 120)}`, 'Invalid Input'),
  invalidKey: (key: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${key.slice(0, 200)}`),
  invalidMimeType: (mime: string) => new StorageError(415, 'InvalidMimeType', `mime type ${mime} is not supported`, 'invalid_mime_type'),
  entityTooLarge: (entity = 'object', limit = 'the maximum allowed size') =>
    new StorageError(413, 'EntityTooLarge', `The ${entity} exceeded ${limit}`, 'Payload too large'),
  invalidRange: (size: number) => new StorageError(416, 'InvalidRange', 'invalid range provided', 'invalid_range', 416, { 'Content-Range': `bytes */${size}` }),
  invalidRequest: (message: string) => new StorageError(400, 'InvalidRequest', message),
  invalidParameter: (name: string, message?: string) => new StorageError(400, 'InvalidParameter', message ?? `Invalid Parameter ${name}`),
  noContent: () => new StorageError(400, 'InvalidRequest', 'No content provided'),
  invalidSignature: (message = 'Invalid signature') => new StorageError(400, 'InvalidSignature', message),
  expiredSignature: () => new StorageError(400, 'ExpiredToken', 'The provided token has expired.'),
  /** An unknown path under /storage/v1 (a real 404, as Fastify answers in Supabase Storage). */
  routeNotFound: (method: string, path: string) => new StorageError(404, 'NotFound', `Route ${method}:${path} not found`, 'Not Found', 404),
  notSupported: (feature: string) =>
    new StorageError(501, 'NotSupported', `${feature} is not supported by Trestle's local storage`, 'not_supported'),
  rateLimited: (message: string, headers: Record<string, string>) => new StorageError(429, 'SlowDown', message, 'Too Many Requests', 429, headers),
  databaseTimeout: () => new StorageError(544, 'DatabaseTimeout', 'The connection to the database timed out', 'DatabaseTimeout', 544),
  unavailable: (message: string) => new StorageError(503, 'DatabaseConnectionLimit', message),
  internal: () => new StorageError(500, 'InternalError', 'Internal server error', 'Internal'),
};

/** Postgres errors met by storage statements; callers map the context-specific ones (FK, unique) first. */
function fromDatabase(err: { code?: string; message: string }): StorageError {
  switch (err.code) {
    case '42501':
      return StorageErrors.accessDenied(err.message.includes('row-level security') ? 'new row violates row-level security policy' : err.message);
    case '23505':
      return StorageErrors.keyAlreadyExists();
    case '23503':
      return StorageErrors.noSuchBucket();
    case '57014':
      return StorageErrors.databaseTimeout();
    case '22P02':
      return StorageErrors.invalidParameter('value', err.message);
    default:
      return err.code?.startsWith('08') || err.code?.startsWith('53') ? StorageErrors.unavailable('The database is not reachable right now') : StorageErrors.internal();
  }
}

/** Errors thrown by the shared hooks (API key, JWT, rate limit) in Trestle's shape, turned into Storage's. */
function fromApiError(err: ApiError): StorageError {
  if (err.code === 'PGRST301' || err.code === 'PGRST302' || err.code === 'PGRST303') {
    const detail = typeof err.detail === 'string' ? err.detail : err.message;
    return StorageErrors.invalidJwt(detail);
  }
  if (err.statusCode === 401) return StorageErrors.invalidApiKey(err.code, err.message);
  if (err.statusCode === 403) return StorageErrors.insufficientRole(err.message);
  if (err.statusCode === 429) return StorageErrors.rateLimited(err.message, err.headers);
  if (err.statusCode === 503) return StorageErrors.unavailable(err.message);
  if (err.statusCode >= 500) return StorageErrors.internal();
  return new StorageError(err.statusCode, err.code, err.message);
}

export function toStorageError(err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  if (err instanceof ApiError) return fromApiError(err);
  if (isDatabaseError(err)) return fromDatabase(err);
  const fe = err as FastifyError | undefined;
  if (fe && Array.isArray(fe.validation)) return StorageErrors.invalidRequest(fe.message);
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe?.code === 'FST_REQ_FILE_TOO_LARGE') return StorageErrors.entityTooLarge();
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new StorageError(fe.statusCode, 'InvalidRequest', fe.message);
  }
  return StorageErrors.internal();
}
