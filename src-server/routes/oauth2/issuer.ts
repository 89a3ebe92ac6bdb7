// The issuer of a request: the API's base URL as the app reached it (scheme, host and port of the request), in the
// URL standard's form (lower-case host, no default port), which is how relying parties compare it.
import type { FastifyRequest } from 'fastify';

export function issuerOf(request: FastifyRequest): string {
  const host = request.headers.host ?? `127.0.0.1:${request.server.trestle.config.port}`;
  return new URL(`${request.protocol}://${host}`).origin;
}
