// HTML form posts (application/x-www-form-urlencoded) for the server-rendered pages, parsed with URLSearchParams into
// a flat object (the last value of a repeated field wins). Registered only in the scopes that serve such pages.
import type { FastifyInstance } from 'fastify';

const FORM_BODY_LIMIT = 16 * 1024;

export function acceptForms(scope: FastifyInstance): void {
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}
