// Trestle as an OpenID Connect provider, driven by the real openid-client (v6) and verified with jose: discovery,
// authorization code + PKCE through the login and consent pages, userinfo, refresh, client credentials, the
// redirect URI and client checks, signing-key rotation, and what survives a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { BrowserSession, formActions } from '../../../test/helpers/browser-session.js';

const APP = 'http://localhost:4321';
const CALLBACK = `${APP}/callback`;

let t: TestApp;
let base: string;

interface Created { client: { client_id: string }; client_secret: string | null }

async function register(body: Record<string, unknown>): Promise<Created> {
  const res = await fetch(`${base}/v1/oauth2/clients`, {
    method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json() as Promise<Created>;
}

async function discover(created: Created, issuer = base): Promise<client.Configuration> {
  return client.discovery(new URL(issuer), created.client.client_id, created.client_secret ?? undefined,
    created.client_secret ? undefined : client.None(), { execute: [client.allowInsecureRequests] });
}

async function createUser(email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/auth/v1/admin/users`, {
    method: 'POST', headers: { apikey: t.serviceKey, authorization: `Bearer ${t.serviceKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, email_confirm: true, user_metadata: { full_name: 'Ada Lovelace' } }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

/** Sends the browser through authorize → login → consent → back to the app; returns the callback URL. */
async function signIn(config: client.Configuration, opts: { email: string; password: string; extra?: Record<string, string>; browser?: BrowserSession }) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK, scope: 'openid profile email offline_access', state, nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...opts.extra,
  });
  const browser = opts.browser ?? new BrowserSession();
  let step = await browser.follow(url, APP);
  for (let i = 0; i < 4 && step.res; i++) {
    const html = await step.res.text();
    expect(step.res.status, html).toBe(200);
    const actions = formActions(html, step.url);
    if (html.includes('data-testid="login-form"')) {
      step = await browser.follow(actions[0], APP, { form: { email: opts.email, password: opts.password } });
    } else {
      expect(html).toContain('data-testid="consent-allow"');
      step = await browser.follow(actions.find((a) => a.endsWith('/confirm'))!, APP, { form: {} });
    }
  }
  expect(step.res, 'the flow should end at the app').toBeNull();
  return { callback: new URL(step.url), checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }, browser };
}

beforeAll(async () => {
  t = await createTestApp();
  base = await t.listen();
  await createUser('ada@example.com', 'correct horse');
});
afterAll(async () => {
  await t?.close();
});

describe('discovery', () => {
  it('publishes the issuer the app used, RS256 only, and the same document at /v1/oauth2/discovery', async () => {
    const doc = await (await fetch(`${base}/.well-known/openid-configuration`)).json() as Record<string, unknown>;
    expect(doc.issuer).toBe(base);
    expect(doc).toMatchObject({
      authorization_endpoint: `${base}/oauth2/authorize`, token_endpoint: `${base}/oauth2/token`, userinfo_endpoint: `${base}/oauth2/userinfo`,
      jwks_uri: `${base}/oauth2/jwks`, end_session_endpoint: `${base}/oauth2/session/end`, id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(doc.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    const copy = await (await fetch(`${base}/v1/oauth2/discovery`)).json();
    expect(copy).toEqual(doc);
    // The other loopback name is its own issuer: what a relying party fetched is what it gets back.
    const port = new URL(base).port;
    const other = await (await fetch(`http://localhost:${port}/.well-known/openid-configuration`)).json() as { issuer: string };
    expect(other.issuer).toBe(`http://localhost:${port}`);
  });

  it('publishes RS256 keys with a kid and no private parts, readable cross-origin', async () => {
    const res = await fetch(`${base}/oauth2/jwks`, { headers: { origin: APP } });
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    const jwks = await res.json() as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys.length).toBeGreaterThan(0);
    // A browser app (public client) exchanges its code cross-origin.
    const preflight = await fetch(`${base}/oauth2/token`, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
      expect(k.d).toBeUndefined();
    }
  });
});

describe('authorization code with PKCE', () => {
  let created: Created;
  let config: client.Configuration;

  beforeAll(async () => {
    created = await register({ name: 'Local app', redirect_uris: [CALLBACK] });
    config = await discover(created);
  });

  it('signs a user in through the login and consent pages; the ID token verifies against the JWKS; userinfo and refresh work', async () => {
    const { callback, checks } = await signIn(config, { email: 'ada@example.com', password: 'correct horse' });
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: base, aud: created.client.client_id, email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace' });

    const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${base}/oauth2/jwks`)), { issuer: base, audience: created.client.client_id });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    expect(payload.sub).toBe(claims.sub);

    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ sub: claims.sub, email: 'ada@example.com', name: 'Ada Lovelace' });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()?.sub).toBe(claims.sub);
    expect((await client.fetchUserInfo(config, refreshed.access_token, claims.sub)).email).toBe('ada@example.com');
  });

  it('shows the login page again with an error for a wrong password, and signs in once it is right', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 's1',
    });
    const browser = new BrowserSession();
    const start = await browser.follow(url, APP);
    const login = formActions(await start.res!.text(), start.url)[0];
    const wrong = await browser.request(login, { form: { email: 'ada@example.com', password: 'wrong' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong email or password');
    const next = await browser.follow(login, APP, { form: { email: 'ada@example.com', password: 'correct horse' } });
    // Consent was given in this browser before? No: a new browser asks again.
    expect(await next.res!.text()).toContain('consent-allow');
  });

  it('"continue as" signs in an existing user without a password', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK, scope: 'openid email', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 's2',
    });
    const browser = new BrowserSession();
    const start = await browser.follow(url, APP);
    const html = await start.res!.text();
    expect(html).toContain('Continue as <strong>ada@example.com</strong>');
    const userId = /name="account" value="([^"]+)"/.exec(html)![1];
    const consent = await browser.follow(formActions(html, start.url)[1], APP, { form: { account: userId } });
    const done = await browser.follow(formActions(await consent.res!.text(), consent.url).find((a) => a.endsWith('/confirm'))!, APP, { form: {} });
    const tokens = await client.authorizationCodeGrant(config, new URL(done.url), { pkceCodeVerifier: verifier, expectedState: 's2' });
    expect(tokens.claims()).toMatchObject({ sub: userId, email: 'ada@example.com' });
  });

  it('refuses a redirect URI that is not registered (no redirect to it)', async () => {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: 'http://localhost:4321/elsewhere', scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256',
    });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri did not match any of the client&#39;s registered redirect_uris');
  });

  it('requires PKCE S256 from public clients', async () => {
    const pub = await register({ name: 'SPA', client_type: 'public', redirect_uris: [CALLBACK] });
    expect(pub.client_secret).toBeNull();
    const spa = await discover(pub);
    const noPkce = client.buildAuthorizationUrl(spa, { redirect_uri: CALLBACK, scope: 'openid', state: 'x' });
    const res = await fetch(noPkce, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(CALLBACK);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('an ID token is not accepted by the data API; an access token for Trestle\'s API acts as the user', async () => {
    await t.sql.query(`CREATE TABLE public.notes (id serial PRIMARY KEY, owner uuid NOT NULL, body text);
      ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON public.notes FOR SELECT TO authenticated USING (owner = auth.uid());
      GRANT SELECT ON public.notes TO authenticated, anon;`);
    const { callback, checks } = await signIn(config, { email: 'ada@example.com', password: 'correct horse', extra: { resource: base } });
    const tokens = await client.authorizationCodeGrant(config, callback, checks, { resource: base });
    const sub = tokens.claims()!.sub;
    await t.sql.query(`INSERT INTO public.notes (owner, body) VALUES ($1, 'mine'), (gen_random_uuid(), 'not mine')`, [sub]);
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const asUser = await fetch(`${base}/rest/v1/notes?select=body`, { headers: { apikey: t.anonKey, authorization: `Bearer ${tokens.access_token}` } });
    expect(asUser.status).toBe(200);
    expect(await asUser.json()).toEqual([{ body: 'mine' }]);
    const withIdToken = await fetch(`${base}/rest/v1/notes?select=body`, { headers: { apikey: t.anonKey, authorization: `Bearer ${tokens.id_token}` } });
    expect(withIdToken.status).toBe(401);
  });
});

describe('client credentials', () => {
  it('issues an RS256 JWT access token that verifies against the JWKS', async () => {
    const created = await register({ name: 'Worker', grant_types: ['client_credentials'], scopes: ['openid'] });
    const config = await discover(created);
    const tokens = await client.clientCredentialsGrant(config);
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${base}/oauth2/jwks`)), { issuer: base, typ: 'at+jwt' });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ client_id: created.client.client_id, aud: 'authenticated', role: 'anon' });
    const custom = await client.clientCredentialsGrant(config, { resource: 'https://api.example.test/' });
    const { payload: forMyApi } = await jwtVerify(custom.access_token, createRemoteJWKSet(new URL(`${base}/oauth2/jwks`)), { issuer: base, audience: 'https://api.example.test/' });
    expect(forMyApi.role).toBeUndefined();
  });

  it('refuses a wrong secret', async () => {
    const created = await register({ name: 'Worker 2', grant_types: ['client_credentials'] });
    const config = await discover({ ...created, client_secret: 'not-the-secret' });
    await expect(client.clientCredentialsGrant(config)).rejects.toMatchObject({ error: 'invalid_client' });
  });
});

describe('clients', () => {
  it('lists clients without secrets, validates registrations, and deleting a client revokes its tokens', async () => {
    const created = await register({ name: 'Doomed', redirect_uris: [CALLBACK, 'http://127.0.0.1:*/cb'] });
    const listed = await (await fetch(`${base}/v1/oauth2/clients`, { headers: { apikey: t.serviceKey } })).json() as { clients: Array<Record<string, unknown>> };
    const mine = listed.clients.find((c) => c.client_id === created.client.client_id)!;
    expect(mine).toMatchObject({ name: 'Doomed', client_type: 'confidential', redirect_uris: [CALLBACK, 'http://127.0.0.1:*/cb'] });
    expect(JSON.stringify(listed)).not.toContain(created.client_secret!);

    const config = await discover(created);
    // Any port of a `:*` loopback redirect is accepted.
    const anyPort = client.buildAuthorizationUrl(config, {
      redirect_uri: 'http://127.0.0.1:5999/cb', scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256',
    });
    const interaction = await fetch(anyPort, { redirect: 'manual' });
    expect(interaction.headers.get('location')).toMatch(/^\/oauth2\/interaction\//);

    const { callback, checks } = await signIn(config, { email: 'ada@example.com', password: 'correct horse' });
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    const del = await fetch(`${base}/v1/oauth2/clients/${created.client.client_id}`, { method: 'DELETE', headers: { apikey: t.serviceKey } });
    expect(del.status).toBe(200);
    expect(((await del.json()) as { revoked_tokens: number }).revoked_tokens).toBeGreaterThan(0);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_client' });
    await expect(client.fetchUserInfo(config, tokens.access_token, client.skipSubjectCheck)).rejects.toBeDefined();
    const again = await fetch(client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid' }), { redirect: 'manual' });
    expect(again.status).toBe(400);
    expect((await fetch(`${base}/v1/oauth2/clients/${created.client.client_id}`, { method: 'DELETE', headers: { apikey: t.serviceKey } })).status).toBe(404);
  });

  it('answers 400 for bad registrations and changes nothing', async () => {
    const before = (await (await fetch(`${base}/v1/oauth2/clients`, { headers: { apikey: t.serviceKey } })).json() as { clients: unknown[] }).clients.length;
    for (const body of [
      { name: 'No redirect' },
      { name: 'Fragment', redirect_uris: ['http://localhost:3000/cb#x'] },
      { name: 'JS', redirect_uris: ['javascript:alert(1)'] },
      { name: 'Public machine', client_type: 'public', grant_types: ['client_credentials'] },
      { name: 'Bad scope', redirect_uris: [CALLBACK], scopes: ['admin'] },
      { name: 'Bad grant', redirect_uris: [CALLBACK], grant_types: ['password'] },
    ]) {
      const res = await fetch(`${base}/v1/oauth2/clients`, { method: 'POST', headers: { apikey: t.serviceKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, body.name).toBe(400);
    }
    const after = (await (await fetch(`${base}/v1/oauth2/clients`, { headers: { apikey: t.serviceKey } })).json() as { clients: unknown[] }).clients.length;
    expect(after).toBe(before);
    expect((await fetch(`${base}/v1/oauth2/clients`, { headers: { apikey: t.anonKey } })).status).toBe(403);
  });
});

describe('signing keys and restarts', () => {
  it('rotation signs with a new key while tokens of the old one still verify; keys, clients and refresh tokens survive a restart', async () => {
    const created = await register({ name: 'Long-lived', redirect_uris: [CALLBACK] });
    const config = await discover(created);
    const { callback, checks } = await signIn(config, { email: 'ada@example.com', password: 'correct horse' });
    const before = await client.authorizationCodeGrant(config, callback, checks);
    const oldKid = decodeProtectedHeader(before.id_token!).kid;

    const rotated = await fetch(`${base}/v1/oauth2/keys/rotate`, { method: 'POST', headers: { apikey: t.serviceKey } });
    expect(rotated.status).toBe(200);
    const keys = ((await rotated.json()) as { keys: Array<{ kid: string; retired_at: string | null }> }).keys;
    expect(keys.find((k) => k.kid === oldKid)?.retired_at).toEqual(expect.any(String));

    const jwks = createRemoteJWKSet(new URL(`${base}/oauth2/jwks`));
    await expect(jwtVerify(before.id_token!, jwks, { issuer: base })).resolves.toBeDefined();
    const after = await client.refreshTokenGrant(config, before.refresh_token!);
    const newKid = decodeProtectedHeader(after.id_token!).kid;
    expect(newKid).not.toBe(oldKid);
    await expect(jwtVerify(after.id_token!, createRemoteJWKSet(new URL(`${base}/oauth2/jwks`)), { issuer: base })).resolves.toBeDefined();

    // A second Trestle on the same database: same keys, same clients, the refresh token still works.
    const second = await createTestApp({}, { database: t.database });
    try {
      const base2 = await second.listen();
      const config2 = await discover(created, base2);
      const jwks2 = await (await fetch(`${base2}/oauth2/jwks`)).json() as { keys: Array<{ kid: string }> };
      expect(jwks2.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
      const again = await client.refreshTokenGrant(config2, after.refresh_token!);
      expect(again.claims()?.iss).toBe(base2);
      expect(decodeProtectedHeader(again.id_token!).kid).toBe(newKid);
    } finally {
      await second.close();
    }
  });

  it('drops a retired key once every token it signed has expired', async () => {
    const rotate = () => fetch(`${base}/v1/oauth2/keys/rotate`, { method: 'POST', headers: { apikey: t.serviceKey } });
    await rotate();
    const { keys } = await (await rotate()).json() as { keys: Array<{ kid: string; retired_at: string | null }> };
    const [newest, ...retired] = keys;
    expect(newest.retired_at).toBeNull();
    await t.sql.query(`UPDATE trestle.oauth2_signing_keys SET retired_at = now() - interval '2 hours' WHERE kid = $1`, [retired[0].kid]);
    const second = await createTestApp({}, { database: t.database });
    try {
      const kids = ((await (await fetch(`${await second.listen()}/oauth2/jwks`)).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
      expect(kids).toContain(newest.kid);
      expect(kids).not.toContain(retired[0].kid);
    } finally {
      await second.close();
    }
  });

  it('ends the session at the end_session endpoint', async () => {
    const created = await register({ name: 'Logout app', redirect_uris: [CALLBACK], post_logout_redirect_uris: [`${APP}/bye`] });
    const config = await discover(created);
    const { callback, checks, browser } = await signIn(config, { email: 'ada@example.com', password: 'correct horse' });
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    const logoutUrl = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${APP}/bye`, state: 'bye' });
    const confirm = await browser.follow(logoutUrl, APP);
    const html = await confirm.res!.text();
    expect(html).toContain('logout-confirm');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1];
    const done = await browser.follow(formActions(html, confirm.url)[0], APP, { form: { xsrf, logout: 'yes' } });
    expect(done.url).toBe(`${APP}/bye?state=bye`);
  });
});
