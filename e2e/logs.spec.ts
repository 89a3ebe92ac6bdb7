// Issue 15 §7: the logs page (API requests and Postgres, live) and Usage without the dashboard's own polling.
import { test, expect } from './fixtures';
import { serviceHeaders, sql } from './api';
import { E2E } from './env';

test('the request log shows API requests live, filters them, and hides the dashboard\'s own requests by default', async ({ signedIn: page, request }) => {
  const marker = `e2e_log_${Date.now().toString(36)}`;
  expect((await request.get(`/v1/db/${marker}_missing?apikey=${E2E.anonKey}`, { headers: { apikey: E2E.anonKey } })).status()).toBeGreaterThanOrEqual(400);
  await page.getByTestId('nav-logs').click();
  const rows = page.getByTestId('request-log-row');
  const missing = rows.filter({ hasText: `${marker}_missing` });
  await expect(missing).toHaveCount(1);
  await expect(missing).toContainText('truss_pk_e2e');
  await expect(missing).toContainText('anon');
  await expect(missing).not.toContainText(E2E.anonKey);
  await expect(page.locator('[data-testid="request-log-row"][data-source="dashboard"]')).toHaveCount(0);

  // Live: a request made now shows up without a reload.
  await expect(page.getByTestId('log-live')).toHaveText('live');
  await sql(request, `select '${marker}'`);
  await request.get(`/v1/db/${marker}_live`, { headers: serviceHeaders });
  await expect(rows.filter({ hasText: `${marker}_live` })).toHaveCount(1);

  await page.getByTestId('request-log-path').fill(marker);
  await page.getByTestId('request-log-status').selectOption('errors');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('request-log-key').selectOption('none');
  await expect(rows).toHaveCount(0);
  await page.getByTestId('request-log-key').selectOption('');
  await page.getByTestId('request-log-path').fill('');
  await page.getByTestId('request-log-status').selectOption('all');

  await page.getByTestId('request-log-dashboard').check();
  await expect(page.locator('[data-testid="request-log-row"][data-source="dashboard"]').first()).toBeVisible();
});

test('the Postgres log lists errors and slow statements, live', async ({ signedIn: page, request }) => {
  await page.goto('/logs/postgres');
  await expect(page.getByTestId('log-live')).toHaveText('live');
  const table = `e2e_no_such_table_${Date.now().toString(36)}`;
  const bad = await request.post('/v1/sql', { headers: serviceHeaders, data: { sql: `select * from ${table}` } });
  expect(bad.status()).toBeGreaterThanOrEqual(400);
  await expect(page.getByTestId('pg-log-entry').filter({ hasText: table }).first()).toHaveAttribute('data-kind', 'error');
  await sql(request, `select pg_sleep(1.05), 'e2e slow marker'`);
  await expect(page.getByTestId('pg-log-entry').filter({ hasText: 'e2e slow marker' }).first()).toHaveAttribute('data-kind', 'slow');
});

test('Usage leaves the dashboard\'s own requests out unless asked', async ({ signedIn: page }) => {
  await page.goto('/settings/usage');
  await expect(page.getByTestId('usage-include-dashboard')).not.toBeChecked();
  await expect(page.locator('[data-testid="usage-key-row"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="usage-key-row"][data-caller="dashboard"]')).toHaveCount(0);
  await page.getByTestId('usage-include-dashboard').check();
  await expect(page.locator('[data-testid="usage-key-row"][data-caller="dashboard"]')).toHaveCount(1);
});
