// Issue 15 §8: SQL console tabs, stale results, Format with joins, EXPLAIN ANALYZE times that add up.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function setSql(page: Page, text: string) {
  await page.getByTestId('sql-editor').locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('each tab has its own buffer and results; results of edited SQL are marked stale; the editor follows the window', async ({ signedIn: page }) => {
  await page.getByTestId('nav-sql').click();
  await expect(page.getByTestId('sql-editor').locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await setSql(page, `select 'tab one' as t`);
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('result-cell').first()).toHaveText('tab one');

  await page.getByTestId('sql-tab-add').click();
  await expect(page.getByTestId('sql-tab')).toHaveCount(2);
  await expect(page.getByTestId('results-panel')).toHaveCount(0);
  await setSql(page, `select 'tab two' as t`);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('result-cell').first()).toHaveText('tab two');

  await page.getByTestId('sql-tab-select').first().click();
  await expect(page.getByTestId('result-cell').first()).toHaveText('tab one');
  await expect(page.getByTestId('sql-results-stale')).toHaveCount(0);
  await page.getByTestId('sql-editor').locator('.monaco-editor').click();
  await page.keyboard.press('End');
  await page.keyboard.type(', 2 as changed');
  await expect(page.getByTestId('sql-results-stale')).toBeVisible();
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-results-stale')).toHaveCount(0);

  // Closing a tab with SQL that was neither saved nor run asks first.
  await page.getByTestId('sql-tab-add').click();
  await setSql(page, 'select 3');
  await page.getByTestId('sql-tab-close').nth(2).click();
  await page.getByTestId('sql-tab-close-dialog-confirm').click();
  await expect(page.getByTestId('sql-tab')).toHaveCount(2);

  // The editor's height is a share of the window.
  const small = (await page.getByTestId('sql-editor').boundingBox())!.height;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await expect.poll(async () => (await page.getByTestId('sql-editor').boundingBox())!.height).toBeGreaterThan(small + 50);
});

test('Format keeps LEFT JOIN together; EXPLAIN ANALYZE self times add up to the top node', async ({ signedIn: page }) => {
  await page.getByTestId('nav-sql').click();
  await expect(page.getByTestId('sql-editor').locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await setSql(page, 'select a.x, b.y from generate_series(1, 10) a(x) left join generate_series(1, 5) b(y) on a.x = b.y');
  await page.getByTestId('sql-format').click();
  await expect(page.getByTestId('sql-editor')).toContainText('LEFT JOIN generate_series');

  await setSql(page, 'select count(*) from generate_series(1, 200000) g(x) join generate_series(1, 1000) h(y) on g.x = h.y');
  await page.getByTestId('sql-explain-analyze').click();
  await expect(page.getByTestId('plan-time-check')).toBeVisible();
  const selfSum = Number(await page.getByTestId('plan-self-sum').textContent());
  const nodes = await page.getByTestId('plan-self-ms').allTextContents();
  const added = nodes.reduce((s, x) => s + Number(x), 0);
  expect(Math.abs(added - selfSum)).toBeLessThan(0.01);
  await expect(page.getByTestId('plan-time-check')).toContainText(`= top node`);
  const top = Number((await page.getByTestId('plan-time-check').textContent())!.match(/top node ([\d.]+) ms/)![1]);
  expect(Math.abs(top - selfSum)).toBeLessThan(0.05);
});
