import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Replaces the editor's text (insertText avoids Monaco's auto-closing of quotes and brackets). */
async function setSql(page: Page, sql: string) {
  const editor = page.getByTestId('sql-editor');
  await editor.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

async function openConsole(page: Page) {
  await page.getByTestId('nav-sql').click();
  // The console chunk (Monaco) is large and the CI machines are shared: allow its first load some time.
  await expect(page.getByTestId('sql-editor').locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
}

test('a multi-statement run shows every result set; Ctrl+Enter runs; errors point at line and column', async ({ signedIn: page }) => {
  await openConsole(page);
  await setSql(page, `select 1 as a, 'x' as b;\nselect n from generate_series(1, 3) as n;`);
  await page.keyboard.press('ControlOrMeta+Enter');
  const sets = page.getByTestId('result-set');
  await expect(sets).toHaveCount(2);
  await expect(sets.nth(0).getByTestId('result-row-count')).toHaveText('1 row');
  await expect(sets.nth(1).getByTestId('result-row-count')).toHaveText('3 rows');
  await expect(sets.nth(0).getByTestId('result-grid')).toBeVisible();
  await expect(sets.nth(1).getByTestId('result-grid').getByTestId('result-row')).toHaveCount(3);
  await expect(sets.nth(0).getByTestId('result-cell').nth(1)).toHaveText('x');
  await expect(sets.nth(1).getByTestId('result-duration')).toContainText('ms');

  await setSql(page, `select 1;\nselect nope\n  from nowhere_at_all;`);
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-error')).toContainText('nowhere_at_all');
  await expect(page.getByTestId('sql-error-position')).toContainText('Line 3, column 8');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
});

test('run selection runs only the selected text; format upper-cases keywords', async ({ signedIn: page }) => {
  await openConsole(page);
  await setSql(page, `select 42 as answer`);
  await page.getByTestId('sql-format').click();
  await expect(page.getByTestId('sql-editor')).toContainText('SELECT 42 AS answer');
  await page.keyboard.press('ControlOrMeta+A');
  await page.getByTestId('sql-run-selection').click();
  await expect(page.getByTestId('result-set')).toHaveCount(1);
  await expect(page.getByTestId('result-cell').first()).toHaveText('42');
});

test('EXPLAIN and EXPLAIN ANALYZE show a plan tree with the costliest nodes highlighted', async ({ signedIn: page }) => {
  await openConsole(page);
  await setSql(page, `select g.x, count(*) from generate_series(1, 20000) g(x) join generate_series(1, 500) h(y) on g.x = h.y group by g.x order by 2 desc`);
  await page.getByTestId('sql-explain').click();
  const tree = page.getByTestId('plan-tree');
  await expect(tree).toBeVisible();
  expect(await tree.getByTestId('plan-node').count()).toBeGreaterThan(2);
  await expect(tree.locator('[data-costly="true"]').first()).toBeVisible();
  await expect(tree.getByTestId('plan-summary')).toContainText('total cost');

  await page.getByTestId('sql-explain-analyze').click();
  await expect(tree).toContainText('EXPLAIN ANALYZE');
  await expect(tree.getByTestId('plan-summary')).toContainText('execution');
  await expect(tree.getByTestId('plan-node').first()).toContainText('ms self');
});

test('a long query is cancelled, and shows up in the searchable history as cancelled', async ({ signedIn: page }) => {
  await openConsole(page);
  await page.getByTestId('sql-timeout').selectOption('60');
  await setSql(page, `select pg_sleep(30)`);
  const started = Date.now();
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-cancel')).toBeVisible();
  await page.waitForTimeout(500);
  await page.getByTestId('sql-cancel').click();
  await expect(page.getByTestId('sql-error')).toContainText('canceling statement due to user request');
  expect(Date.now() - started).toBeLessThan(15_000);
  await expect(page.getByTestId('sql-run')).toBeVisible();

  await page.getByTestId('tab-history').click();
  await page.getByTestId('library-search').fill('pg_sleep');
  const entry = page.getByTestId('history-entry').first();
  await expect(entry).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('history-entry')).toHaveCount(1);
  await page.getByTestId('library-search').fill('no query ever had this text');
  await expect(page.getByTestId('history-entry')).toHaveCount(0);
});

test('destructive statements need confirmation', async ({ signedIn: page }) => {
  await openConsole(page);
  await setSql(page, `create table if not exists e2e_sql_tmp (a int);\ninsert into e2e_sql_tmp values (1);\ndelete from e2e_sql_tmp;`);
  await page.getByTestId('sql-run').click();
  const dialog = page.getByTestId('sql-destructive-dialog');
  await expect(dialog).toContainText('DELETE without WHERE');
  await dialog.getByTestId('sql-destructive-dialog-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('result-set')).toHaveCount(0);
  await page.getByTestId('sql-run').click();
  await page.getByTestId('sql-destructive-dialog-confirm').click();
  await expect(page.getByTestId('result-set')).toHaveCount(3);
  await expect(page.getByTestId('result-command').nth(2)).toHaveText('DELETE');
});

test('saved queries have names and tags, are searchable and open in the editor', async ({ signedIn: page }) => {
  await openConsole(page);
  const name = `Active users ${Date.now()}`;
  await setSql(page, `select 'saved-query-marker' as marker`);
  await page.getByTestId('sql-save').click();
  await page.getByTestId('save-query-name').fill(name);
  await page.getByTestId('save-query-tags').fill('reports, e2e');
  await page.getByTestId('save-query-submit').click();
  await expect(page.getByTestId('save-query-dialog')).toHaveCount(0);
  const item = page.getByTestId('saved-query').filter({ hasText: name });
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('saved-query-tag')).toHaveText(['#reports ', '#e2e ']);

  await setSql(page, `select 1`);
  await page.getByTestId('library-search').fill('saved-query-marker');
  await expect(page.getByTestId('saved-query')).toHaveCount(1);
  await item.getByTestId('saved-query-open').click();
  await expect(page.getByTestId('sql-editor')).toContainText('saved-query-marker');
  await expect(page.getByTestId('sql-current-saved')).toContainText(name);
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('result-cell').first()).toHaveText('saved-query-marker');

  await page.reload();
  await page.getByTestId('library-search').fill(name);
  await expect(page.getByTestId('saved-query')).toHaveCount(1);
  await page.getByTestId('saved-query').getByTestId('saved-query-delete').click();
  await expect(page.getByTestId('saved-query')).toHaveCount(0);
});
