// What an upstream receives: the path below the rule's literal prefix appended to the upstream URL, the query
// without an apikey, and the caller's headers minus Trestle's credentials (API keys, a key sent as Bearer, the
// dashboard's cookies) plus the verified identity in x-trestle-* headers (any sent by the caller are dropped).
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthInfo } from '../plugins/auth.js';
import { SESSION_COOKIE, CSRF_COOKIE } from '../plugins/auth.js';
import type { CompiledRule } from './compile.js';
import { callerOf, jwtOf } from './evaluate.js';
import { gatewayErrors } from './errors.js';

export const CLAIMS_HEADER = 'x-trestle-claims';
export const ROLE_HEADER = 'x-trestle-role';
export const AUTH_HEADER = 'x-trestle-auth';
export const RULE_HEADER = 'x-trestle-rule';
const VIA = '1.1 trestle';
const DROPPED_COOKIES = new Set([SESSION_COOKIE, CSRF_COOKIE]);

/** Decoded path → the upstream URL (without query). Refuses dot segments and NULs: what was matched is what is sent. */
export function upstreamTarget(rule: CompiledRule, decodedPath: string): string {
  const segments = decodedPath.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..')) throw gatewayErrors.badUpstreamPath('. and .. segments are not forwarded');
  if (segments.some((s) => s.includes('\u0000'))) throw gatewayErrors.badUpstreamPath('NUL characters are not forwarded');
  const base = rule.base.split('/').slice(1).filter(Boolean);
  const strip = base.every((b, i) => segments[i] === b) ? base.length : 0;
  const rest = segments.slice(strip).map(encodeURIComponent).join('/');
  const upstream = rule.upstream!;
  const basePath = upstream.pathname.replace(/\/$/, '');
  return `${upstream.origin}${basePath}${rest ? '/' + rest : basePath ? '' : '/'}`;
}

/** The raw query string without apikey parameters ('' or '?…'). */
export function queryWithoutKey(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  if (q < 0) return '';
  const kept = rawUrl.slice(q + 1).split('&').filter((part) => {
    const name = part.split('=')[0];
    try {
      return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase() !== 'apikey';
    } catch {
      return true;
    }
  });
  return kept.length && kept.some(Boolean) ? '?' + kept.join('&') : '';
}

function withoutTrestleCookies(cookie: string): string {
  return cookie.split(';').map((c) => c.trim()).filter((c) => c && !DROPPED_COOKIES.has(c.split('=')[0].trim())).join('; ');
}

/** JSON with every non-ASCII character escaped, so it is a valid header value and still plain JSON. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

export interface ForwardContext {
  auth: AuthInfo;
  ruleId: string;
  ip: string;
  host: string | undefined;
  protocol: string;
}

export function forwardHeaders(headers: IncomingHttpHeaders, f: ForwardContext): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'apikey' || name === 'x-api-key' || name.startsWith('x-trestle-')) continue;
    out[name] = value;
  }
  // A Bearer that is the API key is a credential for Trestle; a verified user JWT goes on (the service may use it).
  const jwt = jwtOf(f.auth);
  if (out.authorization && !jwt) delete out.authorization;
  if (typeof out.cookie === 'string') {
    const cookie = withoutTrestleCookies(out.cookie);
    if (cookie) out.cookie = cookie;
    else delete out.cookie;
  }
  const caller = callerOf(f.auth);
  out[AUTH_HEADER] = caller.kind;
  if (caller.kind !== 'anonymous') out[ROLE_HEADER] = caller.role;
  if (jwt) out[CLAIMS_HEADER] = asciiJson(jwt.claims);
  out[RULE_HEADER] = f.ruleId;
  out.via = headers.via ? `${headers.via}, ${VIA}` : VIA;
  const forwardedFor = headers['x-forwarded-for'];
  out['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${f.ip}` : f.ip;
  if (f.host) out['x-forwarded-host'] = f.host;
  out['x-forwarded-proto'] = f.protocol;
  return out;
}

/** A request Trestle itself forwarded came back: the upstream URL points at Trestle. */
export function isLoop(headers: IncomingHttpHeaders): boolean {
  const via = headers.via;
  return typeof via === 'string' && via.split(',').some((v) => v.trim() === VIA);
}

/**
 * Upstream answers are served from the dashboard's origin, so a page an upstream returns runs in a sandbox (an
 * opaque origin: scripts and forms work, the dashboard's cookies and API stay out of reach; the upstream's own CSP
 * still applies on top). CORS is Trestle's for the route, and an upstream may not set Trestle's cookies.
 */
export const UPSTREAM_SANDBOX = 'sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads';

export function responseHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!name.startsWith('access-control-')) out[name] = value;
  const cookies = out['set-cookie']?.filter((c) => !DROPPED_COOKIES.has(c.split('=')[0].trim()));
  if (cookies?.length) out['set-cookie'] = cookies;
  else delete out['set-cookie'];
  const csp = out['content-security-policy'];
  out['content-security-policy'] = csp ? [csp, UPSTREAM_SANDBOX].join(', ') : UPSTREAM_SANDBOX;
  return out;
}
