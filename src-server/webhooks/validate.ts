// Checks a webhook's URL, events and custom headers; every problem is a 400 that names the field.
import { ApiError } from '../errors.js';

export const WEBHOOK_EVENTS = ['INSERT', 'UPDATE', 'DELETE'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
// Visible ASCII and Latin-1, space and tab: no CR, LF or NUL that could split a header.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,2000}$/;
/** Headers Trestle sets itself or that belong to the connection. */
const RESERVED = new Set([
  'content-type', 'content-length', 'host', 'connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'te',
  'trailer', 'expect', 'x-truss-signature', 'x-truss-event-id', 'x-truss-event',
]);

function invalid(field: string, message: string, hint?: string): ApiError {
  return new ApiError(400, 'VALIDATION_ERROR', message, { detail: { field }, hint });
}

export function validateUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('url', `"${raw.slice(0, 200)}" is not a valid URL`, 'Use an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('url', `Webhook URLs must use http or https, not ${url.protocol.replace(':', '')}`);
  }
  return url.toString();
}

export function validateEvents(events: string[]): WebhookEvent[] {
  const set = new Set(events.map((e) => e.toUpperCase()));
  if (set.size === 0) throw invalid('events', 'Pick at least one event: INSERT, UPDATE or DELETE');
  for (const e of set) {
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(e)) throw invalid('events', `Unknown event "${e}": use INSERT, UPDATE or DELETE`);
  }
  return WEBHOOK_EVENTS.filter((e) => set.has(e));
}

export function validateHeaders(headers: Record<string, unknown>): Record<string, string> {
  const entries = Object.entries(headers);
  if (entries.length > 20) throw invalid('headers', 'At most 20 custom headers');
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    if (!TOKEN.test(name)) throw invalid('headers', `"${name.slice(0, 100)}" is not a valid header name`);
    const lower = name.toLowerCase();
    if (RESERVED.has(lower)) throw invalid('headers', `Header "${name}" is set by Trestle and cannot be overridden`);
    if (seen.has(lower)) throw invalid('headers', `Header "${name}" is given twice`);
    seen.add(lower);
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      throw invalid('headers', `The value of header "${name}" must be a string of at most 2000 printable characters without line breaks`);
    }
    out[name] = value;
  }
  return out;
}
