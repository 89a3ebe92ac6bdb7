import { test, expect } from './fixtures';
import { E2E } from './env';

test('the launch URL signs in and the Connect page shows a healthy server and the API URL', async ({ signedIn: page }) => {
  await expect(page.getByTestId('connect-page')).toBeVisible();
  await expect(page.getByTestId('health-status')).toHaveText('Healthy');
  await expect(page.getByTestId('api-url')).toHaveText(E2E.baseUrl);
  await expect(page.getByTestId('rest-url')).toHaveText(`${E2E.baseUrl}/v1/db`);
  await expect(page.getByTestId('postgres-url')).toContainText(`127.0.0.1:${E2E.pgPort}/trestle`);
  await expect(page.getByTestId('health-db-name')).toContainText('embedded');
});

test('without a session the dashboard says how to sign in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('signed-out')).toBeVisible();
});

test('a launch token that is wrong is refused', async ({ page }) => {
  const res = await page.goto('/auth/launch?token=not-the-token-at-all');
  expect(res?.status()).toBe(401);
  await expect(page.locator('h1')).toContainText('already been used or is invalid');
});

test('sections not built yet say so plainly', async ({ signedIn: page }) => {
  // Pretend the server was built without the backups module: its API answers 501 MODULE_NOT_AVAILABLE.
  await page.route('**/api/backups', (route) => route.fulfill({
    status: 501, json: { error: 'The Backups module is not available in this version of Trestle', code: 'MODULE_NOT_AVAILABLE', detail: { module: 'backups' }, hint: null },
  }));
  await page.getByTestId('nav-backups').click();
  const main = page.locator('main');
  await expect(main.getByRole('heading', { name: 'Backups' })).toBeVisible();
  await expect(main).toContainText(/not (built|available)/i);
});
