// CORS for browser apps calling /auth/v1 from their own origin (supabase-js in a page). Stand-in until the shared
// hook answers CORS for every client route (API.md "CORS"): drop this file then, nothing else depends on it.
import type { FastifyInstance } from 'fastify';

const EXPOSED = 'X-Total-Count, Link, X-Supabase-Api-Version, x-sb-error-code, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After';
const ALLOWED = 'authorization, x-client-info, apikey, content-type, x-supabase-api-version, x-retry-count';

export function corsRoutes(app: FastifyInstance) {
  // onSend, so errors thrown by earlier hooks (a missing key) are readable by the page too.
  app.addHook('onSend', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin) return;
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Vary', 'Origin');
    reply.header('Access-Control-Expose-Headers', EXPOSED);
  });
  app.options('/*', { config: { access: 'public', cors: true } }, async (request, reply) => {
    const requested = request.headers['access-control-request-headers'];
    reply.header('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    reply.header('Access-Control-Allow-Headers', typeof requested === 'string' && requested ? requested : ALLOWED);
    reply.header('Access-Control-Max-Age', '600');
    return reply.code(204).send();
  });
}
