// Whether a browser sent a request from a page of another origin (the Origin and Sec-Fetch-Site headers).
import type { FastifyRequest } from 'fastify';

/** The origin this server is being addressed as (plain HTTP: Trestle does not terminate TLS). */
export function ownOrigin(request: FastifyRequest): string {
  return `http://${(request.headers.host ?? '').toLowerCase()}`;
}

export function isCrossOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== ownOrigin(request)) return true;
  const site = request.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
