// Maps Postgres SQLSTATEs to HTTP statuses the way PostgREST does (with Trestle's 504 for timeouts).
import type { DatabaseError } from 'pg';
import { ApiError } from '../errors.js';

export function isDatabaseError(err: unknown): err is DatabaseError {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    && /^[0-9A-Z]{5}$/.test((err as { code: string }).code) && 'severity' in err;
}

export function statusForSqlState(code: string, hasJwtRole = false): number {
  if (code === '23503' || code === '23505') return 409;
  if (code === '42P01' || code === '42883') return 404;
  if (code === '42501') return hasJwtRole ? 403 : 401;
  if (code === '57014') return 504;
  if (code.startsWith('08') || code.startsWith('53') || code === '57P01' || code === '57P03') return 503;
  if (code === 'P0001') return 400;
  if (code.startsWith('PT')) {
    const n = Number(code.slice(2));
    if (n >= 100 && n <= 599) return n;
  }
  if (code === '25006') return 405;
  if (code === '40001' || code === '40P01') return 409;
  // Only the server's own failures are 5xx: internal errors, I/O, configuration files. Everything else (invalid
  // schema name 3F000, feature not supported 0A000, object in use 55006, …) is about the request's SQL.
  if (code.startsWith('XX') || code.startsWith('58') || code.startsWith('F0')) return 500;
  return 400;
}

export function fromDatabaseError(err: DatabaseError, opts: { hasJwtRole?: boolean } = {}): ApiError {
  const status = statusForSqlState(err.code ?? 'XX000', opts.hasJwtRole);
  const headers: Record<string, string> = {};
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  const detail: Record<string, unknown> | string | null = err.detail ?? null;
  return new ApiError(status, err.code ?? 'XX000', err.message, {
    detail,
    hint: err.hint ?? null,
    headers,
  });
}

/** Line and column (1-based) of a character offset in a SQL text, for console error markers. */
export function positionToLineColumn(sql: string, position: number): { line: number; column: number } {
  const before = sql.slice(0, Math.max(0, position - 1));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
