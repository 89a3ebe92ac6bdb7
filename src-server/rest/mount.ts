// The data API is mounted twice with one implementation: /v1/db with the Truss defaults (API.md) and /rest/v1 with
// PostgREST's (what supabase-js expects). Everything that differs between the two lives here.
import { ApiError, errorBody } from '../errors.js';
import { MAX_LIMIT } from './parse.js';
import type { DataApiSettings } from './settings.js';

export interface MountDefaults {
  prefix: '/v1/db' | '/rest/v1';
  /** Rows a read returns when the request sets no limit (undefined: all). */
  defaultLimit(settings: DataApiSettings): number | undefined;
  /** The most rows a read returns whatever the request asks (undefined: no cap). */
  maxLimit(settings: DataApiSettings): number | undefined;
  /** Writes answer with the changed rows when no `Prefer: return=` is sent. */
  returnRepresentation: boolean;
  /** PATCH/DELETE without any filter. */
  unfilteredWrite(method: 'PATCH' | 'DELETE'): ApiError;
  /** The error body this mount answers with. */
  errorBody(err: ApiError): object;
}

export const TRUSS_DEFAULTS: MountDefaults = {
  prefix: '/v1/db',
  defaultLimit: () => 1000,
  maxLimit: () => MAX_LIMIT,
  returnRepresentation: true,
  unfilteredWrite: (method) => new ApiError(400, 'FILTER_REQUIRED', `${method} needs at least one filter`, {
    hint: `Add a filter such as ?id=eq.1 (use id=not.is.null to ${method === 'DELETE' ? 'delete' : 'update'} every row on purpose)`,
  }),
  errorBody: (err) => errorBody(err.message, err.code, err.detail, err.hint),
};

export const POSTGREST_DEFAULTS: MountDefaults = {
  prefix: '/rest/v1',
  defaultLimit: (s) => s.maxRows ?? undefined,
  maxLimit: (s) => s.maxRows ?? undefined,
  returnRepresentation: false,
  // Supabase's databases load pg-safeupdate for the API roles: an UPDATE or DELETE without WHERE is refused.
  unfilteredWrite: (method) => new ApiError(400, '21000', `${method === 'PATCH' ? 'UPDATE' : 'DELETE'} requires a WHERE clause`),
  errorBody: (err) => ({ code: err.code, details: err.detail, hint: err.hint, message: err.message }),
};
