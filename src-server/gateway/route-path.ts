// The path a rule is matched against: the matched route's pattern with the request's decoded parameters put back,
// i.e. what the handler will act on, never the raw URL (`/%76%31/db/orders/` and `/v1/db/orders` are one path).
// A `:param` is one segment whatever it holds (a decoded `/` stays `%2F`); `.` and `..` are escaped so globs match them.

/** /v1/db and /rest/v1 serve one data API: a rule written for either spelling applies to both. */
const ALIASES: Array<[string, string]> = [['/v1/db', '/rest/v1']];

type Part = { literal: string } | { param: string; wildcard: boolean };

export interface RoutePath {
  /** The request's paths: its own and, for the data API, the other spelling. */
  paths(params: Record<string, string | undefined>): string[];
}

function escapeSegment(value: string): string {
  if (value === '.' || value === '..') return value.replace(/\./g, '%2E');
  return value.replace(/%/g, '%25').replace(/\//g, '%2F');
}

function escapeWildcard(value: string): string {
  return value.split('/').map((s) => (s === '.' || s === '..' ? s.replace(/\./g, '%2E') : s.replace(/%/g, '%25'))).join('/');
}

function parse(url: string): Part[] {
  const parts: Part[] = [];
  const re = /:([A-Za-z0-9_]+)|\*/g;
  let last = 0;
  for (let m = re.exec(url); m; m = re.exec(url)) {
    if (m.index > last) parts.push({ literal: url.slice(last, m.index) });
    parts.push(m[0] === '*' ? { param: '*', wildcard: true } : { param: m[1], wildcard: false });
    last = m.index + m[0].length;
  }
  if (last < url.length) parts.push({ literal: url.slice(last) });
  return parts;
}

function builder(url: string): (params: Record<string, string | undefined>) => string {
  const parts = parse(url);
  if (parts.every((p) => 'literal' in p)) return () => url;
  return (params) => {
    let out = '';
    for (const p of parts) {
      if ('literal' in p) out += p.literal;
      else {
        const value = params[p.param] ?? '';
        out += p.wildcard ? escapeWildcard(value) : escapeSegment(value);
      }
    }
    return out.length > 1 && out.endsWith('/') ? out.slice(0, -1) : out;
  };
}

function aliasOf(url: string): string | null {
  for (const [a, b] of ALIASES) {
    if (url === a || url.startsWith(a + '/')) return b + url.slice(a.length);
    if (url === b || url.startsWith(b + '/')) return a + url.slice(b.length);
  }
  return null;
}

/** Compiled once per route pattern. */
export function routePath(url: string): RoutePath {
  const own = builder(url);
  const alias = aliasOf(url);
  if (alias === null) return { paths: (params) => [own(params)] };
  const other = builder(alias);
  return { paths: (params) => [own(params), other(params)] };
}

/** The glob form of a route pattern (`/v1/db/:table` → `/v1/db/*`, a trailing `*` → `**`), for system rules. */
export function globOfRoute(url: string): string {
  return url.replace(/\*$/, '**').replace(/:[A-Za-z0-9_]+/g, '*');
}
