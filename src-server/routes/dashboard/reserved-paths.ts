// Path prefixes that belong to the API, the sockets and the assets: the dashboard's single-page fallback never
// answers under them (an unknown path there is a JSON 404), and no dashboard page may live under one.
import path from 'node:path';

export const RESERVED_PREFIXES = [
  '/api', '/v1', '/auth', '/rest', '/storage', '/realtime', '/oauth2', '/.well-known', '/functions', '/graphql', '/assets', '/healthz', '/readyz',
] as const;

/** The path as a lenient server would read it: decoded, backslashes as slashes, `;params` dropped, dots resolved. */
function normalisedPath(url: string): string {
  let p = url.split(/[?#]/)[0];
  try {
    for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(p); i++) p = decodeURIComponent(p);
  } catch {
    // Malformed escapes: judge the path as it is.
  }
  p = p.replace(/\\/g, '/').replace(/;[^/]*/g, '');
  return path.posix.normalize('/' + p).toLowerCase();
}

/**
 * Whether a path (query string allowed) is `prefix` or below it, however it is spelled (`/%61pi/x`, `//api/x`,
 * `/x/../api/x`); `/realtime-inspector` is not under `/realtime`. Paths with control characters count as reserved.
 */
export function isReservedPath(url: string): boolean {
  const p = normalisedPath(url);
  if ([...p].some((c) => c.charCodeAt(0) < 0x20)) return true;
  return RESERVED_PREFIXES.some((prefix) => p === prefix || p.startsWith(prefix + '/'));
}
