// Refuses requests whose Host is not a loopback name or address (DNS rebinding protection).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';

export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

export function isAllowedHost(hostHeader: string | undefined, extra: string[] = []): boolean {
  if (!hostHeader) return false;
  const name = hostName(hostHeader);
  if (name === 'localhost' || name.endsWith('.localhost') || name === '[::1]') return true;
  if (/^127(\.\d{1,3}){3}$/.test(name)) return true;
  return extra.includes(name);
}

export default fp(async function hostCheck(app: FastifyInstance, opts: { allowedHosts: string[] }) {
  app.addHook('onRequest', async (request) => {
    if (!isAllowedHost(request.headers.host, opts.allowedHosts)) {
      throw new ApiError(403, 'HOST_NOT_ALLOWED', `Host "${request.headers.host ?? ''}" is not allowed: Trestle only answers loopback hosts`, {
        hint: 'Use http://localhost or http://127.0.0.1, or add the name to TRESTLE_ALLOWED_HOSTS',
      });
    }
  });
}, { name: 'trestle-host-check' });
