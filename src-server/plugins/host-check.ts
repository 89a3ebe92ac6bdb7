// Refuses requests whose Host is not a loopback name or address (DNS rebinding protection). The authority is parsed
// strictly: a name or an address and an optional port, nothing else (no userinfo, no trailing garbage).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';

const AUTHORITY = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?)(?::(\d{1,5}))?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The host name (lower case, without port; IPv6 in brackets), or undefined when the authority is malformed. */
export function hostName(hostHeader: string): string | undefined {
  const m = AUTHORITY.exec(hostHeader.trim().toLowerCase());
  if (!m || (m[2] !== undefined && Number(m[2]) > 65535)) return undefined;
  return m[1].endsWith('.') ? m[1].slice(0, -1) : m[1];
}

function isLoopback(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || name === '[0:0:0:0:0:0:0:1]') return true;
  const v4 = IPV4.exec(name);
  return v4 !== null && v4[1] === '127' && v4.slice(2).every((o) => Number(o) <= 255);
}

export function isAllowedHost(hostHeader: string | undefined, extra: string[] = []): boolean {
  if (!hostHeader) return false;
  const name = hostName(hostHeader);
  return name !== undefined && (isLoopback(name) || extra.includes(name));
}

export default fp(async function hostCheck(app: FastifyInstance, opts: { allowedHosts: string[] }) {
  // Host headers already judged allowed (a client sends the same one on every request); bounded.
  const allowed = new Set<string>();
  app.addHook('onRequest', (request, _reply, done) => {
    const host = request.headers.host;
    if (host !== undefined && allowed.has(host)) return done();
    if (isAllowedHost(host, opts.allowedHosts)) {
      if (allowed.size < 100) allowed.add(host!);
      return done();
    }
    done(new ApiError(403, 'HOST_NOT_ALLOWED', `Host "${(request.headers.host ?? '').slice(0, 100)}" is not allowed: Trestle only answers loopback hosts`, {
      hint: 'Use http://localhost or http://127.0.0.1, or add the name to TRESTLE_ALLOWED_HOSTS',
    }));
  });
}, { name: 'trestle-host-check' });
