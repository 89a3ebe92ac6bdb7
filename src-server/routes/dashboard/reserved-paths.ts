// Path prefixes that belong to the API, the sockets and the assets: the dashboard's single-page fallback never
// answers under them (an unknown path there is a JSON 404), and no dashboard page may live under one.
export const RESERVED_PREFIXES = ['/api', '/v1', '/auth', '/rest', '/storage', '/realtime', '/oauth2', '/.well-known', '/assets', '/healthz'] as const;

/** Whether a path (query string allowed) is `prefix` or below it; `/realtime-inspector` is not under `/realtime`. */
export function isReservedPath(url: string): boolean {
  const path = url.split('?')[0].toLowerCase();
  return RESERVED_PREFIXES.some((p) => path === p || path.startsWith(p + '/'));
}
