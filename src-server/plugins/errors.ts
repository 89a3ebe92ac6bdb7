// Turns every error into the contract's JSON body; hides internals of real 5xx errors; never 500 for bad input.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { fromDatabaseError, isDatabaseError } from '../db/pg-errors.js';
import { ApiError, errorBody } from '../errors.js';
import { validationIssues, validationMessage } from './validation-message.js';

/** Node-level failures of the connection to Postgres (it stopped, restarted, or is unreachable). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENOENT']);
const CONNECTION_MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/;

export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return !!e && ((typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) || (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)));
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isDatabaseError(err)) return fromDatabaseError(err);
  if (isConnectionError(err)) {
    return new ApiError(503, 'DATABASE_UNAVAILABLE', 'The database is not reachable right now', {
      detail: (err as Error).message, hint: 'Trestle restarts its embedded Postgres by itself; retry in a moment', headers: { 'Retry-After': '1' },
    });
  }
  const fe = err as FastifyError;
  if (fe && Array.isArray(fe.validation)) {
    const issues = validationIssues(fe.validation);
    return new ApiError(400, 'VALIDATION_ERROR', `Invalid request: ${validationMessage(fe.validationContext, issues)}`, { detail: issues });
  }
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new ApiError(fe.statusCode, fe.code ?? 'BAD_REQUEST', fe.message);
  }
  return new ApiError(500, 'INTERNAL_ERROR', 'Internal server error');
}

const contractBody = (e: ApiError) => errorBody(e.message, e.code, e.detail, e.hint);

/** An error handler that logs like every other and answers with `shape` (the contract's body unless a mount has its own). */
export function errorHandler(shape: (e: ApiError) => object = contractBody) {
  return (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(err);
    if (apiError.statusCode === 500) request.log.error({ err }, 'request failed');
    else if (apiError.statusCode > 500) request.log.warn({ code: apiError.code, status: apiError.statusCode }, apiError.message);
    else request.log.info({ code: apiError.code, status: apiError.statusCode }, apiError.message);
    reply.headers(apiError.headers);
    return reply.code(apiError.statusCode).send(shape(apiError));
  };
}

export default fp(async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler(errorHandler());
}, { name: 'trestle-errors' });
