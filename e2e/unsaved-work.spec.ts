// Issue 15 §2: nothing typed is lost.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { sql } from './api';

async function setSql(page: Page, text: string) {
  await page.getByTestId('sql-editor').locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('leaving a table with pending edits asks first', async ({ signedIn: page, request }) => {
  const table = `e2e_pending_${Date.now().toString(36)}`;
  await sql(request, `create table public.${table} (id int primary key, name text); insert into public.${table} values (1, 'Ada')`);
  await page.goto('/tables');
  await page.getByTestId('table-search').fill(table);
  await page.locator(`[data-testid="table-item"][data-table="${table}"]`).click();
  await page.locator('[data-testid="grid-cell"][data-column="name"]').first().dblclick();
  await page.getByTestId('cell-editor-input').fill('Grace');
  await page.getByTestId('cell-editor-save').click();
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending change');

  await page.getByTestId('nav-sql').click();
  await expect(page.getByTestId('leave-dialog-message')).toContainText(`1 unsaved change to public.${table}`);
  await page.getByTestId('leave-dialog-cancel').click();
  await expect(page).toHaveURL(new RegExp(`/tables/public/${table}`));
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending change');

  // The browser's back button (to /tables, inside the dashboard) is guarded too.
  await page.goBack();
  await expect(page.getByTestId('leave-dialog')).toBeVisible();
  await page.getByTestId('leave-dialog-cancel').click();
  await expect(page.getByTestId('pending-count')).toBeVisible();

  await page.getByTestId('nav-keys').click();
  await page.getByTestId('leave-dialog-confirm').click();
  await expect(page.getByTestId('keys-page')).toBeVisible();
});

test('closing the create-table dialog with Escape or an outside click asks first', async ({ signedIn: page }) => {
  await page.goto('/tables');
  await page.getByTestId('table-create').click();
  await page.getByTestId('create-table-name').fill('half_typed');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('modal-discard')).toContainText('Discard this new table?');
  await page.getByTestId('modal-discard-cancel').click();
  await expect(page.getByTestId('create-table-name')).toHaveValue('half_typed');
  await page.mouse.click(5, 5);
  await expect(page.getByTestId('modal-discard')).toBeVisible();
  await page.getByTestId('modal-discard-confirm').click();
  await expect(page.getByTestId('create-table-dialog')).toHaveCount(0);

  // An untouched dialog closes at once.
  await page.getByTestId('table-create').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('create-table-dialog')).toHaveCount(0);
});

test('SQL buffers in several tabs survive a reload; leaving typed, unsaved SQL asks first', async ({ signedIn: page }) => {
  await page.getByTestId('nav-sql').click();
  await expect(page.getByTestId('sql-editor').locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await setSql(page, 'select 1 as first_tab_buffer');
  await page.getByTestId('sql-tab-add').click();
  await setSql(page, 'select 2 as second_tab_buffer');
  await expect(page.getByTestId('sql-tab')).toHaveCount(2);

  await page.getByTestId('nav-tables').click();
  await expect(page.getByTestId('leave-dialog-message')).toContainText('neither saved nor run');
  await page.getByTestId('leave-dialog-cancel').click();

  await page.reload();
  await expect(page.getByTestId('sql-editor').locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('sql-tab')).toHaveCount(2);
  await expect(page.getByTestId('sql-editor')).toContainText('second_tab_buffer');
  await page.getByTestId('sql-tab-select').first().click();
  await expect(page.getByTestId('sql-editor')).toContainText('first_tab_buffer');

  // Run it: now it is in the history, nothing to lose, leaving does not ask.
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('result-cell').first()).toHaveText('1');
  await page.getByTestId('sql-tab-select').nth(1).click();
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('result-cell').first()).toHaveText('2');
  await page.getByTestId('nav-tables').click();
  await expect(page.getByTestId('tables-page')).toBeVisible();
  await expect(page.getByTestId('leave-dialog')).toHaveCount(0);
});
