import { test, expect } from './fixtures';
import { serviceHeaders, sql } from './api';

test('Settings → Audit log shows mutations, filters by action and resource, and pages', async ({ signedIn: page, request }) => {
  // A few audited mutations: branch create/delete and SQL through /v1/sql.
  const created = await request.post('/api/branches', { headers: serviceHeaders, data: { label: `audit ${Date.now()}` } });
  expect(created.status()).toBe(201);
  const { branch } = (await created.json()) as { branch: { id: string } };
  expect((await request.delete(`/api/branches/${branch.id}`, { headers: serviceHeaders })).status()).toBe(200);
  await sql(request, 'SELECT 1');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-page')).toBeVisible();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();

  await page.getByTestId('audit-filter-action').selectOption('branch.create');
  await expect(page.getByTestId('audit-row')).not.toHaveCount(0);
  await expect(page.getByTestId('audit-action').filter({ hasNotText: /^branch\.create$/ })).toHaveCount(0);
  await page.getByTestId('audit-row').first().click();
  await expect(page.getByTestId('audit-detail')).toContainText('database_name');

  await page.getByTestId('audit-filter-clear').click();
  await page.getByTestId('audit-filter-resource').selectOption('branch');
  await expect(page.getByTestId('audit-resource-type').filter({ hasNotText: /^branch$/ })).toHaveCount(0);
  await expect(page.getByTestId('audit-action').filter({ hasText: 'branch.delete' })).not.toHaveCount(0);

  // A "from" time in the future matches nothing.
  await page.getByTestId('audit-filter-since').fill('2099-01-01T00:00');
  await expect(page.getByTestId('audit-empty')).toBeVisible();
  await expect(page.getByTestId('pager-range')).toHaveText('0–0 of 0');
});

test('Settings → Usage shows requests per day, top endpoints, per-key figures and the error rate', async ({ signedIn: page, request }) => {
  for (let i = 0; i < 3; i++) await sql(request, 'SELECT 1');
  expect((await request.get('/v1/db/no_such_table_e2e', { headers: serviceHeaders })).status()).toBe(404);

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-usage').click();
  await expect(page).toHaveURL(/\/settings\/usage$/);
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  const today = new Date().toISOString().slice(5, 10);
  const bar = page.locator(`[data-testid="usage-chart-bar"][data-label="${today}"]`);
  expect(Number(await bar.getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="usage-endpoint-row"][data-endpoint="POST /v1/sql"]')).toBeVisible();
  await expect(page.getByTestId('usage-key-row').filter({ hasText: 'truss_sk_e2e' })).toBeVisible();
  await expect(page.getByTestId('usage-error-rate')).not.toHaveText('0.0 %');

  // The API reference is linked and served locally.
  const href = await page.getByTestId('api-docs-link').getAttribute('href');
  expect(href).toBe('/api/docs');
  const docs = await page.request.get(href!);
  expect(docs.status()).toBe(200);
});

test('The API reference renders the OpenAPI document in Swagger UI, with nothing loaded from outside', async ({ signedIn: page }) => {
  const outside: string[] = [];
  page.on('request', (r) => void (new URL(r.url()).origin !== new URL(page.url()).origin && outside.push(r.url())));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/api/docs');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('Trestle API');
  await page.getByRole('button', { name: 'GET /readyz', exact: true }).click();
  await expect(page.locator('#operations-default-get_readyz .responses-wrapper')).toContainText('Client error');
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
