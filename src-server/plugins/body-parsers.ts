// JSON that tolerates an empty body (postgrest-js sends DELETE with Content-Type and no body), plus CSV and text.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { exceedsDepth, MAX_JSON_DEPTH } from './json-depth.js';

/** PostgREST's code on the data API's routes, the Truss one elsewhere (by the matched route's pattern). */
function jsonErrorCode(request: FastifyRequest): string {
  const route = request.routeOptions.url ?? '';
  return route.startsWith('/v1/db') || route.startsWith('/rest/v1') ? 'PGRST102' : 'INVALID_JSON';
}

export default fp(async function bodyParsers(app: FastifyInstance) {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  // auth-js sends `application/json;charset=UTF-8`: parameters are allowed.
  app.addContentTypeParser(/^application\/([\w.+-]*\+)?json\s*(;.*)?$/i, { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const code = jsonErrorCode(request);
      // The data API answers as PostgREST does.
      const message = code === 'PGRST102' ? 'Empty or invalid json' : 'Request body is not valid JSON';
      return done(new ApiError(400, code, message, { detail: (err as Error).message }), undefined);
    }
    // Each level opens with a bracket: a text no longer than the limit cannot nest past it.
    if (text.length > MAX_JSON_DEPTH && exceedsDepth(value)) {
      return done(new ApiError(400, jsonErrorCode(request), `Request body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    }
    done(null, value);
  });
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
}, { name: 'trestle-body-parsers' });
