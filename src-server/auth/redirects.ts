// Where links and verifications send the browser (GoTrue's utilities.IsRedirectURLValid / GetReferrer): the
// requested redirect_to if it is on the site URL's host or matches the allow list, else the Referer if it does,
// else the site URL. Loopback names count as one host, since local apps move between localhost and 127.0.0.1.
import type { AuthSettings } from './settings.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^./]*';
    else if (c === '?') re += '[^./]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function sameHost(a: URL, b: URL): boolean {
  if (a.hostname === b.hostname) return true;
  return LOOPBACK.has(a.hostname) && LOOPBACK.has(b.hostname);
}

export function isAllowedRedirect(url: string, settings: AuthSettings): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  try {
    if (sameHost(new URL(settings.site_url), target)) return true;
  } catch {
    // a malformed site_url allows nothing by host
  }
  return settings.uri_allow_list.some((p) => p.trim() && globToRegExp(p.trim()).test(url));
}

export function resolveRedirect(requested: string | undefined, referer: string | undefined, settings: AuthSettings): string {
  if (requested && isAllowedRedirect(requested, settings)) return requested;
  if (referer && isAllowedRedirect(referer, settings)) return referer;
  return settings.site_url;
}
