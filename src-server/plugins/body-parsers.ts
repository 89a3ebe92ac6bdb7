// JSON that tolerates an empty body (postgrest-js sends DELETE with Content-Type and no body), plus CSV and text.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';

export default fp(async function bodyParsers(app: FastifyInstance) {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  // auth-js sends `application/json;charset=UTF-8`: parameters are allowed.
  app.addContentTypeParser(/^application\/([\w.+-]*\+)?json\s*(;.*)?$/i, { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      const code = request.url.startsWith('/v1/db') ? 'PGRST102' : 'INVALID_JSON';
      done(new ApiError(400, code, 'Request body is not valid JSON', { detail: (err as Error).message }), undefined);
    }
  });
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
}, { name: 'trestle-body-parsers' });
