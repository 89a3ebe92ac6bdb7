import { test, expect } from './fixtures';
import type { APIRequestContext, Page } from '@playwright/test';

const row = (page: Page, label: string) => page.getByTestId('key-row').filter({ has: page.getByTestId('key-label').getByText(label, { exact: true }) });

async function status(request: APIRequestContext, secret: string, path = '/v1/keys'): Promise<number> {
  const res = await request.get(path, { headers: { apikey: secret } });
  return res.status();
}

test('create a key, see its secret once, rotate it, revoke it: revoked secrets are refused by the API', async ({ signedIn: page, request }) => {
  const label = `e2e service ${Date.now()}`;
  await page.getByTestId('nav-keys').click();
  await expect(page.getByTestId('keys-page')).toBeVisible();

  // Create: the secret and a ready .env snippet are shown once.
  await page.getByTestId('key-create-type').selectOption('service_role');
  await page.getByTestId('key-create-label').fill(label);
  await page.getByTestId('key-create-rate-limit').fill('250');
  await page.getByTestId('key-create-submit').click();
  const reveal = page.getByTestId('secret-reveal');
  await expect(reveal).toBeVisible();
  const secret = (await page.getByTestId('secret-value').textContent())!;
  expect(secret).toMatch(/^truss_sk_[\w-]{40,}$/);
  await expect(page.getByTestId('secret-env')).toContainText(`TRUSS_SERVICE_KEY=${secret}`);
  await expect(page.getByTestId('secret-env')).toContainText('TRUSS_URL=http://127.0.0.1:');
  await expect(row(page, label)).toHaveCount(1);
  await expect(row(page, label).getByTestId('key-prefix')).toHaveText(`${secret.slice(0, 12)}…`);
  await expect(row(page, label).getByTestId('key-rate-limit')).toHaveText('250/min');
  expect(await status(request, secret)).toBe(200);
  await page.getByTestId('secret-dismiss').click();
  await expect(reveal).toHaveCount(0);

  // Edit the rate limit inline.
  await row(page, label).getByTestId('key-rate-limit').click();
  await row(page, label).getByTestId('key-rate-limit-input').fill('500');
  await row(page, label).getByTestId('key-rate-limit-input').press('Enter');
  await expect(row(page, label).getByTestId('key-rate-limit')).toHaveText('500/min');

  // Rotate: a new secret is shown once; the old one stops working.
  const active = row(page, label).and(page.locator('[data-revoked="false"]'));
  await active.getByTestId('key-rotate').click();
  await expect(page.getByTestId('key-rotate-dialog')).toContainText(label);
  await page.getByTestId('key-rotate-dialog-confirm').click();
  await expect(page.getByTestId('key-rotate-dialog')).toHaveCount(0);
  await expect(reveal).toContainText('Key rotated');
  const rotated = (await page.getByTestId('secret-value').textContent())!;
  expect(rotated).not.toBe(secret);
  expect(rotated).toMatch(/^truss_sk_/);
  expect(await status(request, secret)).toBe(401);
  expect(await status(request, rotated)).toBe(200);
  await expect(row(page, label)).toHaveCount(2);
  await expect(active).toHaveCount(1);
  await expect(active.getByTestId('key-rate-limit')).toHaveText('500/min');

  // Revoke with confirmation: the revoked key is refused.
  await active.getByTestId('key-revoke').click();
  const dialog = page.getByTestId('key-revoke-dialog');
  await expect(dialog).toContainText(label);
  await dialog.getByTestId('key-revoke-dialog-cancel').click();
  await expect(dialog).toHaveCount(0);
  expect(await status(request, rotated)).toBe(200);
  await active.getByTestId('key-revoke').click();
  await page.getByTestId('key-revoke-dialog-confirm').click();
  await expect(row(page, label).and(page.locator('[data-revoked="true"]'))).toHaveCount(2);
  await expect(row(page, label).first().getByTestId('key-state')).toHaveText('revoked');
  expect(await status(request, rotated)).toBe(401);
  expect(await status(request, rotated, '/v1/db/anything')).toBe(401);

  // Hiding revoked keys hides both.
  await page.getByTestId('keys-show-revoked').uncheck();
  await expect(row(page, label)).toHaveCount(0);
});

test('an anon key is created with a TRUSS_ANON_KEY snippet and cannot manage keys', async ({ signedIn: page, request }) => {
  await page.goto('/keys');
  await page.getByTestId('key-create-label').fill('e2e anon');
  await page.getByTestId('key-create-submit').click();
  const secret = (await page.getByTestId('secret-value').textContent())!;
  expect(secret).toMatch(/^truss_pk_/);
  await expect(page.getByTestId('secret-env')).toContainText(`TRUSS_ANON_KEY=${secret}`);
  expect(await status(request, secret)).toBe(403);
  await page.reload();
  await expect(page.getByTestId('secret-reveal')).toHaveCount(0);
});
