// Secrets inside a webhook definition (header values, a password in the URL) never leave the server: lists, details
// and the audit log show a placeholder, and a placeholder sent back in an update keeps the stored value.
export const MASK = '********';

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, MASK]));
}

export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = MASK;
    return u.toString();
  } catch {
    return url;
  }
}

/** Header values equal to the placeholder keep the stored value of the same header (names compare case-insensitively). */
export function unmaskHeaders(next: Record<string, string>, stored: Record<string, string>): Record<string, string> {
  const byName = new Map(Object.entries(stored).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.fromEntries(Object.entries(next).map(([k, v]) => [k, v === MASK ? byName.get(k.toLowerCase()) ?? '' : v]));
}

/** A URL whose password is the placeholder keeps the stored URL's password. */
export function unmaskUrl(next: string, stored: string): string {
  try {
    const u = new URL(next);
    if (decodeURIComponent(u.password) !== MASK) return next;
    u.password = new URL(stored).password;
    return u.toString();
  } catch {
    return next;
  }
}
