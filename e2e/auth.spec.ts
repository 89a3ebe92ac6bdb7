// A browser app on its own origin signs a user up with supabase-js (the UMD bundle from node_modules, no CDN), the
// confirmation lands in the dashboard's inbox, and its link confirms the account.
import { test, expect } from './fixtures';
import { E2E } from './env';
import { tinyAppFixture } from './tiny-app';

const APP_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>tiny app</title><script src="/supabase.js"></script></head>
<body>
  <form id="f"><input id="email"><input id="password"><button id="go">Sign up</button></form>
  <pre id="out"></pre><p id="signed-in"></p>
  <script>
    const client = supabase.createClient(${JSON.stringify(E2E.baseUrl)}, ${JSON.stringify(E2E.anonKey)});
    // supabase-js picks the session out of the link's redirect (#access_token=…) and clears the fragment.
    client.auth.onAuthStateChange((event, session) => {
      if (session) document.getElementById('signed-in').textContent = event + ' ' + session.user.email;
    });
    document.getElementById('f').addEventListener('submit', async (e) => {
      e.preventDefault();
      const { data, error } = await client.auth.signUp({
        email: document.getElementById('email').value, password: document.getElementById('password').value,
        options: { emailRedirectTo: location.origin + '/welcome' },
      });
      document.getElementById('out').textContent = JSON.stringify(error ? { error: error.code || error.message } : { id: data.user && data.user.id, session: Boolean(data.session) });
    });
  </script>
</body></html>`;

const tinyApp = tinyAppFixture(APP_PAGE);

test('a browser app signs up with supabase-js; the confirmation is in the dashboard inbox and its link confirms the user', async ({ signedIn: page, browser, request }) => {
  const headers = { apikey: E2E.serviceKey, 'content-type': 'application/json' };
  await request.patch('/api/auth/settings', { headers, data: { enable_confirmations: true, site_url: tinyApp().origin } });
  try {
    const email = `browser-${Date.now()}@example.com`;
    const app = await browser.newPage();
    await app.goto(tinyApp().origin);
    await app.locator('#email').fill(email);
    await app.locator('#password').fill('signed up in a browser');
    await app.locator('#go').click();
    await expect(app.locator('#out')).toContainText('"session":false');

    await page.getByTestId('nav-auth').click();
    await page.getByTestId('auth-tab-inbox').click();
    const item = page.getByTestId('auth-inbox-item').filter({ hasText: email });
    await expect(item).toHaveCount(1);
    await item.click();
    await expect(page.getByTestId('auth-inbox-to')).toHaveText(email);
    await expect(page.getByTestId('auth-inbox-otp')).toHaveText(/^\d{6}$/);
    const link = await page.getByTestId('auth-inbox-link').getAttribute('href');
    expect(link).toContain(`${E2E.baseUrl}/auth/v1/verify?token=`);

    await app.goto(link!);
    await expect(app).toHaveURL(new RegExp(`^${tinyApp().origin}/welcome`));
    await expect(app.locator('#signed-in')).toContainText(email);

    await page.getByTestId('auth-tab-users').click();
    const row = page.getByTestId('auth-user-row').filter({ hasText: email });
    await expect(row.getByTestId('auth-user-state')).toHaveText('confirmed');
    await app.close();
  } finally {
    await request.patch('/api/auth/settings', { headers, data: { enable_confirmations: false, site_url: 'http://127.0.0.1:3000' } });
  }
});

test('users page: create a user, impersonate them in the table editor, delete them', async ({ signedIn: page }) => {
  const email = `made-${Date.now()}@example.com`;
  await page.getByTestId('nav-auth').click();
  await page.getByTestId('auth-create-email').fill(email);
  await page.getByTestId('auth-create-password').fill('made in the dashboard');
  await page.getByTestId('auth-create-submit').click();
  const row = page.getByTestId('auth-user-row').filter({ hasText: email });
  await expect(row.getByTestId('auth-user-state')).toHaveText('confirmed');
  const id = await row.getAttribute('data-user-id');

  await row.getByTestId('auth-user-impersonate').click();
  await page.getByTestId('auth-impersonate-token').click();
  await expect(page.getByTestId('auth-impersonate-claims')).toContainText(`"sub": "${id}"`);
  await page.keyboard.press('Escape');

  await row.getByTestId('auth-user-delete').click();
  await page.getByTestId('auth-delete-dialog-confirm').click();
  await expect(row).toHaveCount(0);
});
