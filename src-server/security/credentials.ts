// Reads the credentials a request carries: an API key (apikey / x-api-key header, or the key sent as Bearer the way
// supabase-js does when nobody is signed in) and a Bearer JWT. Nothing here checks them; the auth hook does.
import type { FastifyRequest } from 'fastify';
import { keyTypeOfSecret } from '../services/keys.js';

function firstHeader(request: FastifyRequest, name: string): string | undefined {
  const raw = request.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.trim() || undefined;
}

/** The key in the apikey / x-api-key header. */
export function apiKeyHeader(request: FastifyRequest): string | undefined {
  return firstHeader(request, 'apikey') ?? firstHeader(request, 'x-api-key');
}

/** The `apikey` query parameter: how browsers' WebSocket clients (realtime-js) pass the key. */
export function apiKeyQuery(request: FastifyRequest): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.apikey;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export type Bearer = { kind: 'none' } | { kind: 'key'; secret: string } | { kind: 'jwt'; token: string } | { kind: 'malformed' };

export function bearerOf(request: FastifyRequest): Bearer {
  const header = firstHeader(request, 'authorization');
  if (!header) return { kind: 'none' };
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return { kind: 'malformed' };
  return keyTypeOfSecret(m[1]) ? { kind: 'key', secret: m[1] } : { kind: 'jwt', token: m[1] };
}
