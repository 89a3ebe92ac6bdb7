// The upstream mounts (/functions/v1/**, /graphql/v1/**): every request there was matched by the gateway hook to the
// first upstream rule for its path and is streamed both ways with @fastify/reply-from. Bodies are not parsed here:
// the raw request stream goes to the upstream as it arrives.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import replyFrom from '@fastify/reply-from';
import { gatewayErrors } from '../../gateway/errors.js';
import { forwardHeaders, isLoop, queryWithoutKey, responseHeaders, upstreamTarget } from '../../gateway/proxy.js';
import { UPSTREAM_MOUNTS } from '../../gateway/route-table.js';

const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const HEADERS_TIMEOUT_MS = 60_000;
/** What a local service may be sent in one request body (uploads stream through, nothing is buffered). */
const UPSTREAM_BODY_LIMIT = 1024 * 1024 * 1024;

export default async function upstreamRoutes(app: FastifyInstance) {
  // bodyTimeout 0: a streamed response (server-sent events, a slow download) may pause as long as it likes.
  await app.register(replyFrom, { undici: { headersTimeout: HEADERS_TIMEOUT_MS, bodyTimeout: 0, connections: 64 }, disableRequestLogging: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  async function forward(request: FastifyRequest, reply: FastifyReply) {
    const rule = request.gatewayUpstream;
    const mount = request.routeOptions.url!.replace(/\/\*$/, '');
    const wildcard = (request.params as { '*'?: string })['*'];
    const path = wildcard === undefined ? mount : `${mount}/${wildcard}`;
    if (!rule) throw gatewayErrors.noUpstream(path);
    if (isLoop(request.headers)) throw gatewayErrors.upstreamLoop();
    const upstream = rule.rule.upstream!;
    const target = upstreamTarget(rule, path);
    return reply.from(target, {
      queryString: () => queryWithoutKey(request.url).slice(1),
      rewriteRequestHeaders: (req, headers) => forwardHeaders(headers, {
        auth: req.auth, ruleId: rule.rule.id, ip: req.ip, host: req.headers.host, protocol: req.protocol,
      }),
      rewriteHeaders: (headers) => responseHeaders(headers),
      onError: (r, { error }) => {
        const timedOut = (error as { statusCode?: number }).statusCode === 504;
        const cause = (error as { cause?: Error }).cause?.message ?? error.message;
        r.send(timedOut ? gatewayErrors.upstreamTimeout(upstream) : gatewayErrors.upstreamUnavailable(upstream, cause));
      },
    });
  }

  for (const mount of UPSTREAM_MOUNTS) {
    for (const url of [mount, `${mount}/*`]) {
      app.route({
        method: METHODS, url, handler: forward, bodyLimit: UPSTREAM_BODY_LIMIT,
        // An API key when one is sent (verified, and its claims forwarded); none otherwise: the rule decides.
        config: { access: ['client', 'public'] },
        schema: { summary: 'Forwarded to the upstream of the first matching gateway rule (streamed both ways)' },
      });
    }
  }
}
