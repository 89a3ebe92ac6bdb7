// A browser app on its own origin calls supabase.auth.signInWithOAuth({ provider: 'github' }) (supabase-js's UMD
// bundle from node_modules, no CDN): Chromium lands on Trestle's stand-in page, the identity typed there comes back,
// and supabase-js picks the session up from the URL by itself (PKCE: it exchanges ?code=; implicit: #access_token).
import { test, expect } from './fixtures';
import { E2E } from './env';
import { tinyAppFixture } from './tiny-app';
import { serviceHeaders } from './api';

const APP_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>tiny app</title><script src="/supabase.js"></script></head>
<body>
  <button id="github">Sign in with GitHub</button>
  <p id="signed-in"></p><pre id="error"></pre>
  <script>
    const flowType = new URLSearchParams(location.search).get('flow') || sessionStorage.getItem('flow') || 'pkce';
    sessionStorage.setItem('flow', flowType);
    const client = supabase.createClient(${JSON.stringify(E2E.baseUrl)}, ${JSON.stringify(E2E.anonKey)}, { auth: { flowType } });
    client.auth.onAuthStateChange((event, session) => {
      if (session) document.getElementById('signed-in').textContent = event + ' ' + session.user.email + ' ' + session.user.app_metadata.provider;
    });
    const params = new URLSearchParams(location.search + '&' + location.hash.slice(1));
    if (params.get('error')) document.getElementById('error').textContent = params.get('error') + ': ' + params.get('error_description');
    document.getElementById('github').addEventListener('click', () => {
      client.auth.signInWithOAuth({ provider: 'github', options: { redirectTo: location.origin + '/' } });
    });
  </script>
</body></html>`;

const tinyApp = tinyAppFixture(APP_PAGE);

for (const flow of ['pkce', 'implicit'] as const) {
  test(`signInWithOAuth({ provider: 'github' }) completes through the stand-in page (${flow})`, async ({ browser, request }) => {
    await request.patch('/api/auth/settings', { headers: serviceHeaders, data: { site_url: tinyApp().origin } });
    try {
      const email = `octocat-${flow}-${Date.now()}@example.com`;
      const app = await browser.newPage();
      await app.goto(`${tinyApp().origin}/?flow=${flow}`);
      await app.locator('#github').click();
      await app.waitForURL(new RegExp(`^${E2E.baseUrl}/auth/v1/stand-in`));
      await expect(app.getByRole('heading', { name: 'Sign in with GitHub' })).toBeVisible();
      await app.getByTestId('stand-in-name').fill('The Octocat');
      await app.getByTestId('stand-in-email').fill(email);
      await app.getByTestId('stand-in-username').fill('octocat');
      await app.getByTestId('stand-in-continue').click();
      await app.waitForURL(new RegExp(`^${tinyApp().origin}/`));
      await expect(app.locator('#signed-in')).toHaveText(new RegExp(`^(SIGNED_IN|INITIAL_SESSION) ${email} github$`));
      // supabase-js cleaned the code or the tokens out of the URL.
      expect(app.url()).not.toMatch(/code=|access_token=/);

      // Signing in again offers the identity just made.
      await app.locator('#github').click();
      await expect(app.getByTestId('stand-in-pick').filter({ hasText: email })).toHaveCount(1);
      await app.getByTestId('stand-in-deny').click();
      await app.waitForURL(new RegExp(`^${tinyApp().origin}/`));
      await expect(app.locator('#error')).toContainText('access_denied');
      await app.close();
    } finally {
      await request.patch('/api/auth/settings', { headers: serviceHeaders, data: { site_url: 'http://127.0.0.1:3000' } });
    }
  });
}
