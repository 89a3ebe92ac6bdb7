// Turns every error into the contract's JSON body; hides internals of real 5xx errors; never 500 for bad input.
import type { FastifyError, FastifyInstance } from 'fastify';
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

export default fp(async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err, request, reply) => {
    const apiError = toApiError(err);
    if (apiError.statusCode === 500) request.log.error({ err }, 'request failed');
    else if (apiError.statusCode > 500) request.log.warn({ code: apiError.code, status: apiError.statusCode }, apiError.message);
    else request.log.info({ code: apiError.code, status: apiError.statusCode }, apiError.message);
    reply.headers(apiError.headers);
    return reply.code(apiError.statusCode).send(errorBody(apiError.message, apiError.code, apiError.detail, apiError.hint));
  });
}, { name: 'trestle-errors' });
