// Parses the data API's request headers: Prefer, Accept (media types), Accept-/Content-Profile and Range.
import type { HeadersAst, PlanRequest, Preferences, Representation } from './ast.js';
import { rangeLowerAboveUpper, rangeNotSatisfiable, unacceptableMediaType } from './errors.js';

const PREFER_VALUES: Record<string, readonly string[]> = {
  return: ['representation', 'minimal', 'headers-only'],
  count: ['exact', 'planned', 'estimated'],
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  missing: ['default', 'null'],
  handling: ['strict', 'lenient'],
  tx: ['commit', 'rollback'],
};

/** `Prefer` values, split on commas and trimmed; the first occurrence of a key wins. */
export function parsePrefer(header: string | string[] | undefined): Preferences {
  const prefer: Preferences = { invalid: [] };
  const values = Array.isArray(header) ? header.join(',') : header ?? '';
  const seen = new Set<string>();
  for (const raw of values.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const k = (eq < 0 ? item : item.slice(0, eq)).trim();
    const v = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (seen.has(k)) continue;
    seen.add(k);
    if (PREFER_VALUES[k]?.includes(v)) (prefer as unknown as Record<string, string>)[k] = v;
    else if (k === 'max-affected' && /^\d{1,9}$/.test(v)) prefer.maxAffected = Number(v);
    else if (k === 'timezone' && v !== '') prefer.timezone = v;
    else prefer.invalid.push(item.slice(0, 100));
  }
  return prefer;
}

interface MediaType {
  type: string;
  params: Map<string, string>;
}

function mediaTypes(header: string): MediaType[] {
  return header.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((part) => {
    const [type, ...rest] = part.split(';');
    const params = new Map<string, string>();
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
    }
    return { type: type.trim().toLowerCase(), params };
  });
}

const PLAN_OPTIONS = new Set(['analyze', 'verbose', 'settings', 'buffers', 'wal']);

/** The representation a media type asks for (undefined: not one the data API produces). */
function representationOf(type: string): Representation | undefined {
  if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object') return 'object';
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json' || type === '*/*' || type === 'application/*' || type === 'application/vnd.pgrst.array+json'
    || type === 'application/vnd.pgrst.array') return 'json';
  return undefined;
}

export function parseAccept(header: string | undefined, planEnabled: boolean): Pick<HeadersAst, 'accept' | 'stripNulls' | 'plan'> {
  if (!header || header.trim() === '') return { accept: 'json', stripNulls: false };
  for (const m of mediaTypes(header)) {
    if (m.type.startsWith('application/vnd.pgrst.plan')) {
      if (!planEnabled) continue;
      const format = m.type.endsWith('+json') ? 'json' : m.type === 'application/vnd.pgrst.plan' || m.type.endsWith('+text') ? 'text' : undefined;
      const target = representationOf((m.params.get('for') ?? 'application/json').toLowerCase());
      if (!format || !target) continue;
      const options = (m.params.get('options') ?? '').split('|').map((o) => o.trim().toLowerCase()).filter((o) => PLAN_OPTIONS.has(o));
      const plan: PlanRequest = { format, options: options as PlanRequest['options'] };
      return { accept: target, stripNulls: false, plan };
    }
    const accept = representationOf(m.type);
    if (accept) return { accept, stripNulls: accept !== 'csv' && m.params.get('nulls') === 'stripped' };
  }
  throw unacceptableMediaType(header.slice(0, 200));
}

function first(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function parseHeaders(headers: Record<string, string | string[] | undefined>, write: boolean, planEnabled: boolean): HeadersAst {
  const out: HeadersAst = { prefer: parsePrefer(headers.prefer), ...parseAccept(first(headers, 'accept'), planEnabled) };
  const profile = first(headers, write ? 'content-profile' : 'accept-profile');
  if (profile !== undefined) out.profile = profile.trim();
  const range = first(headers, 'range');
  const unit = first(headers, 'range-unit');
  if (range && (!unit || unit === 'items')) {
    const m = /^(?:items=)?\s*(\d{1,9})-(\d{0,9})\s*$/.exec(range);
    if (!m) throw rangeNotSatisfiable(`invalid Range header: ${range.slice(0, 100)}`);
    const from = Number(m[1]);
    const to = m[2] === '' ? undefined : Number(m[2]);
    if (to !== undefined && to < from) throw rangeLowerAboveUpper();
    out.range = { offset: from, limit: to === undefined ? undefined : to - from + 1 };
  }
  return out;
}
