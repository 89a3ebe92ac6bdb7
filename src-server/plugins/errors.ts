// Turns every error into the contract's JSON body; hides internals of real 5xx errors; never 500 for bad input.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { fromDatabaseError, isDatabaseError } from '../db/pg-errors.js';
import { ApiError, errorBody } from '../errors.js';

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isDatabaseError(err)) return fromDatabaseError(err);
  const fe = err as FastifyError;
  if (fe && Array.isArray(fe.validation)) {
    return new ApiError(400, 'VALIDATION_ERROR', `Invalid request: ${fe.message}`, { detail: fe.validation.map((v) => ({ path: v.instancePath, message: v.message })) });
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
