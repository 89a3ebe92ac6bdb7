// supabase-js signInWithOAuth against the local stand-in: the URL auth-js builds, the stand-in page, and GoTrue's
// redirect back (PKCE ?code= exchanged by exchangeCodeForSession; implicit #access_token=…), with GoTrue's account
// linking. The browser's part (cookies, redirects, the form post) is played by BrowserSession.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { BrowserSession, formActions } from '../../../test/helpers/browser-session.js';
import { authClient } from '../../../test/helpers/supabase.js';

const APP = 'http://localhost:5173';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
  await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { site_url: APP } });
});
afterAll(async () => {
  await t?.close();
});

/** Opens the URL signInWithOAuth made, fills the stand-in page's new-identity form (or denies); returns where it lands. */
async function throughStandIn(url: string, identity: Record<string, string> | 'deny', browser = new BrowserSession()) {
  const page = await browser.follow(url, APP);
  const html = await page.res!.text();
  expect(page.res!.status, html).toBe(200);
  expect(page.url).toMatch(new RegExp(`^${base}/auth/v1/stand-in\\?state=`));
  const state = /name="state" value="([^"]+)"/.exec(html)![1];
  const form: Record<string, string> = identity === 'deny' ? { state, deny: '1' } : { state, ...identity };
  const done = await browser.follow(formActions(html, page.url).at(-1)!, APP, { form });
  expect(done.res, 'the stand-in should send the browser back to the app').toBeNull();
  return new URL(done.url);
}

describe('signInWithOAuth through the stand-in', () => {
  it('PKCE: a new GitHub identity becomes a user; exchangeCodeForSession gives its session', async () => {
    const supabase = authClient(base, t.anonKey, { flowType: 'pkce' });
    const { data, error } = await supabase.auth.signInWithOAuth({ provider: 'github', options: { redirectTo: `${APP}/auth/callback`, skipBrowserRedirect: true } });
    expect(error).toBeNull();
    const back = await throughStandIn(data.url!, { name: 'Grace Hopper', email: 'grace@example.com', user_name: 'grace', avatar_url: 'https://avatars.example.test/grace.png' });
    expect(back.origin + back.pathname).toBe(`${APP}/auth/callback`);
    const code = back.searchParams.get('code')!;
    const session = await supabase.auth.exchangeCodeForSession(code);
    expect(session.error).toBeNull();
    const user = session.data.user!;
    expect(user.email).toBe('grace@example.com');
    expect(user.app_metadata).toMatchObject({ provider: 'github', providers: ['github'] });
    expect(user.user_metadata).toMatchObject({ full_name: 'Grace Hopper', user_name: 'grace', avatar_url: 'https://avatars.example.test/grace.png', iss: 'https://api.github.com' });
    expect(user.identities).toHaveLength(1);
    expect(user.identities![0]).toMatchObject({ provider: 'github', identity_data: { email: 'grace@example.com', email_verified: true, preferred_username: 'grace' } });
    const claims = JSON.parse(Buffer.from(session.data.session!.access_token.split('.')[1], 'base64url').toString());
    expect(claims.amr.map((a: { method: string }) => a.method)).toEqual(['oauth']);
    // The code is single-use.
    expect((await authClient(base, t.anonKey).auth.exchangeCodeForSession(code)).error).not.toBeNull();
  });

  it('implicit: the session arrives in the fragment; the same email again is the same identity', async () => {
    const supabase = authClient(base, t.anonKey);
    const { data } = await supabase.auth.signInWithOAuth({ provider: 'github', options: { redirectTo: `${APP}/done`, skipBrowserRedirect: true } });
    const back = await throughStandIn(data.url!, { name: 'Grace B. Hopper', email: 'grace@example.com' });
    const fragment = new URLSearchParams(back.hash.slice(1));
    expect(fragment.get('token_type')).toBe('bearer');
    const set = await supabase.auth.setSession({ access_token: fragment.get('access_token')!, refresh_token: fragment.get('refresh_token')! });
    expect(set.error).toBeNull();
    expect(set.data.user!.identities).toHaveLength(1);
    expect(set.data.user!.user_metadata.full_name).toBe('Grace B. Hopper');
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM auth.users WHERE email = 'grace@example.com'`);
    expect(rows[0].n).toBe(1);
  });

  it('links a Google identity to an existing user with the same email, as GoTrue does', async () => {
    const signup = await authClient(base, t.anonKey).auth.signUp({ email: 'linus@example.com', password: 'long enough' });
    const userId = signup.data.user!.id;
    const supabase = authClient(base, t.anonKey, { flowType: 'pkce' });
    const { data } = await supabase.auth.signInWithOAuth({ provider: 'google', options: { redirectTo: APP, skipBrowserRedirect: true } });
    const back = await throughStandIn(data.url!, { name: 'Linus', email: 'Linus@Example.com' });
    const { data: s } = await supabase.auth.exchangeCodeForSession(back.searchParams.get('code')!);
    expect(s.user!.id).toBe(userId);
    expect(s.user!.app_metadata.providers).toEqual(['email', 'google']);
    expect(s.user!.identities!.map((i) => i.provider).sort()).toEqual(['email', 'google']);
    // The password still works: the account's email was confirmed.
    expect((await authClient(base, t.anonKey).auth.signInWithPassword({ email: 'linus@example.com', password: 'long enough' })).error).toBeNull();
  });

  it('lists earlier identities of the provider to pick from', async () => {
    const supabase = authClient(base, t.anonKey, { flowType: 'pkce' });
    const { data } = await supabase.auth.signInWithOAuth({ provider: 'github', options: { redirectTo: APP, skipBrowserRedirect: true } });
    const browser = new BrowserSession();
    const page = await browser.follow(data.url!, APP);
    const html = await page.res!.text();
    expect(html).toContain('data-testid="stand-in-pick"');
    expect(html).toContain('grace@example.com');
    expect(html).not.toContain('linus@example.com');
  });

  it('a bad email or avatar shows the page again with the error and signs nobody in', async () => {
    const { data } = await authClient(base, t.anonKey).auth.signInWithOAuth({ provider: 'gitlab', options: { redirectTo: APP, skipBrowserRedirect: true } });
    const browser = new BrowserSession();
    const page = await browser.follow(data.url!, APP);
    const html = await page.res!.text();
    const state = /name="state" value="([^"]+)"/.exec(html)![1];
    const before = (await t.sql.query(`SELECT count(*)::int AS n FROM auth.users`)).rows[0].n;
    for (const [form, error] of [
      [{ email: 'not-an-email' }, 'Unable to validate email address'],
      [{ email: 'ok@example.com', avatar_url: 'javascript:alert(1)' }, 'The avatar must be an http(s) URL'],
    ] as const) {
      const res = await browser.request(formActions(html, page.url).at(-2)!, { form: { state, name: '<b>x</b>', ...form } });
      expect(res.status).toBe(400);
      const again = await res.text();
      expect(again).toContain(error);
      expect(again).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
    }
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM auth.users`)).rows[0].n).toBe(before);
  });

  it('deny sends the app access_denied (in the query for PKCE)', async () => {
    const supabase = authClient(base, t.anonKey, { flowType: 'pkce' });
    const { data } = await supabase.auth.signInWithOAuth({ provider: 'discord', options: { redirectTo: APP, skipBrowserRedirect: true } });
    const back = await throughStandIn(data.url!, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toMatch(/denied/);
  });

  it('refuses a state from another browser, unknown providers, and answers GoTrue\'s error when the stand-in is off', async () => {
    const supabase = authClient(base, t.anonKey);
    const { data } = await supabase.auth.signInWithOAuth({ provider: 'github', options: { redirectTo: APP, skipBrowserRedirect: true } });
    const page = await new BrowserSession().follow(data.url!, APP);
    const stolen = new URL(page.url);
    const elsewhere = await fetch(stolen);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('stand-in-expired');

    const unknown = await fetch(`${base}/auth/v1/authorize?provider=myspace`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: 'validation_failed' });
    expect(((await (await fetch(`${base}/auth/v1/settings`)).json()) as { external: Record<string, boolean> }).external.github).toBe(true);

    await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { oauth_stand_in_enabled: false } });
    try {
      const off = await fetch(`${base}/auth/v1/authorize?provider=github`, { redirect: 'manual' });
      expect(off.status).toBe(400);
      expect(((await off.json()) as { message: string }).message).toMatch(/not enabled/);
      expect(((await (await fetch(`${base}/auth/v1/settings`)).json()) as { external: Record<string, boolean> }).external.github).toBe(false);
    } finally {
      await t.service({ method: 'PATCH', url: '/api/auth/settings', payload: { oauth_stand_in_enabled: true } });
    }
  });
});
