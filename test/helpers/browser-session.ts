// A minimal browser for redirect flows in Node tests: a cookie jar per host and manual redirects, so a test can
// follow an authorization request through Trestle's pages and read where it finally lands.
export class BrowserSession {
  private jars = new Map<string, Map<string, string>>();

  private jar(url: URL): Map<string, string> {
    let jar = this.jars.get(url.host);
    if (!jar) this.jars.set(url.host, (jar = new Map()));
    return jar;
  }

  /** One request with the jar's cookies; Set-Cookie answers go into the jar (deleted cookies leave it). */
  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.jar(target);
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attrs] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /**
   * Follows redirects from `url` until a response that is not a redirect, or one that leaves for `stopAt` (an app's
   * origin): returns that response and the URL it came from (or the URL it points to, when stopped).
   */
  async follow(url: string | URL, stopAt?: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ url: string; res: Response | null }> {
    let current = new URL(url);
    let res = await this.request(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 20) throw new Error('too many redirects');
      const next = new URL(res.headers.get('location')!, current);
      if (stopAt && next.href.startsWith(stopAt)) return { url: next.href, res: null };
      current = next;
      res = await this.request(current);
    }
    return { url: current.href, res };
  }
}

/** The action URLs of a page's forms, in order. */
export function formActions(html: string, base: string): string[] {
  return [...html.matchAll(/<form[^>]*action="([^"]+)"/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&'), base).href);
}
