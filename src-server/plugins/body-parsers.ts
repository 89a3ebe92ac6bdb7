// JSON that tolerates an empty body (postgrest-js sends DELETE with Content-Type and no body), plus CSV and text.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';

export default fp(async function bodyParsers(app: FastifyInstance) {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(/^application\/([\w.+-]*\+)?json$/, { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      const route = request.routeOptions.url ?? '';
      // The data API answers as PostgREST does.
      const dataApi = route.startsWith('/v1/db') || route.startsWith('/rest/v1');
      done(dataApi ? new ApiError(400, 'PGRST102', 'Empty or invalid json', { detail: (err as Error).message })
        : new ApiError(400, 'INVALID_JSON', 'Request body is not valid JSON', { detail: (err as Error).message }), undefined);
    }
  });
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
}, { name: 'trestle-body-parsers' });
