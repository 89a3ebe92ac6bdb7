// An app registered on the OAuth apps page signs a user in with Trestle as its OpenID Connect provider: the real
// openid-client builds the request and redeems the code, Chromium goes through Trestle's login and consent pages.
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { test, expect } from './fixtures';
import { E2E } from './env';
import { tinyAppFixture } from './tiny-app';
import { serviceHeaders } from './api';

const tinyApp = tinyAppFixture('<!doctype html><title>callback</title><p id="app">back in the app</p>');

test('register an app, sign a user in through the login and consent pages (PKCE), then delete the app', async ({ signedIn: page, browser, request }) => {
  const email = `oidc-${Date.now()}@example.com`;
  const created = await request.post('/auth/v1/admin/users', {
    headers: { ...serviceHeaders, authorization: `Bearer ${E2E.serviceKey}` }, data: { email, password: 'open sesame', email_confirm: true },
  });
  expect(created.status()).toBe(200);

  await page.getByTestId('nav-oauth2').click();
  await expect(page.getByTestId('oauth-issuer')).toHaveText(E2E.baseUrl);
  await page.getByTestId('oauth-create-name').fill('E2E app');
  await page.getByTestId('oauth-create-type').selectOption('public');
  await page.getByTestId('oauth-create-redirects').fill(`${tinyApp().origin}/callback`);
  await page.getByTestId('oauth-create-submit').click();
  const clientId = (await page.getByTestId('oauth-created-id').textContent())!;
  await expect(page.getByTestId('oauth-created-snippet')).toContainText(`new URL('${E2E.baseUrl}')`);
  await expect(page.getByTestId('oauth-created-secret')).toHaveCount(0);
  await page.getByTestId('oauth-created-dismiss').click();
  await expect(page.getByTestId('oauth-client-row').filter({ hasText: 'E2E app' })).toHaveCount(1);

  const config = await client.discovery(new URL(E2E.baseUrl), clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${tinyApp().origin}/callback`, scope: 'openid email profile', state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });

  const app = await browser.newPage();
  await app.goto(url.href);
  await app.getByTestId('login-email').fill(email);
  await app.getByTestId('login-password').fill('wrong password');
  await app.getByTestId('login-submit').click();
  await expect(app.getByTestId('page-error')).toContainText('Wrong email or password');
  await app.getByTestId('login-password').fill('open sesame');
  await app.getByTestId('login-submit').click();
  await expect(app.getByTestId('consent-scopes')).toContainText('email');
  await app.getByTestId('consent-allow').click();
  await app.waitForURL(new RegExp(`^${tinyApp().origin}/callback\\?`));
  await expect(app.locator('#app')).toHaveText('back in the app');

  const tokens = await client.authorizationCodeGrant(config, new URL(app.url()), { pkceCodeVerifier: verifier, expectedState: state });
  const { payload } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${E2E.baseUrl}/oauth2/jwks`)), { issuer: E2E.baseUrl, audience: clientId });
  expect(payload.email).toBe(email);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
  expect(refreshed.claims()?.sub).toBe(payload.sub);
  await app.close();

  const row = page.getByTestId('oauth-client-row').filter({ hasText: 'E2E app' });
  await row.getByTestId('oauth-client-delete').click();
  await page.getByTestId('oauth-delete-dialog-confirm').click();
  await expect(row).toHaveCount(0);
  await expect(client.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_client' });
});

test('rotating the signing key keeps the old key published', async ({ signedIn: page }) => {
  await page.getByTestId('nav-oauth2').click();
  const keys = page.getByTestId('oauth-keys').locator('tbody tr');
  const before = await keys.count();
  await page.getByTestId('oauth-rotate').click();
  await page.getByTestId('oauth-rotate-dialog-confirm').click();
  await expect(keys).toHaveCount(before + 1);
  await expect(keys.first()).toContainText('signing');
  await expect(keys.nth(1)).toContainText('published until');
});
