import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { sql } from './api';

async function subscribe(page: Page, table: string) {
  const row = page.locator(`[data-testid="realtime-table-row"][data-table="public.${table}"]`);
  if (!(await row.count())) {
    await page.getByTestId('realtime-add-input').fill(`public.${table}`);
    await page.getByTestId('realtime-add').click();
  } else {
    await row.getByTestId('realtime-toggle').click();
  }
  await expect(row.getByTestId('realtime-toggle')).toBeChecked();
}

test('toggle a realtime subscription and see inserts, updates and deletes appear live in the feed', async ({ signedIn: page, request }) => {
  const table = `e2e_messages_${Date.now()}`;
  await sql(request, `CREATE TABLE ${table} (id int PRIMARY KEY, body text)`);

  await page.getByTestId('nav-realtime').click();
  await expect(page.getByTestId('realtime-page')).toBeVisible();
  await expect(page.getByTestId('realtime-socket-state')).toHaveText('open');
  await subscribe(page, table);

  const events = page.locator(`[data-testid="realtime-event"][data-table="public.${table}"]`);
  await sql(request, `INSERT INTO ${table} VALUES (1, 'hello live')`);
  await expect(events.first()).toHaveAttribute('data-operation', 'INSERT');
  await expect(events.first()).toHaveAttribute('data-live', 'true');
  await expect(events.first().getByTestId('realtime-event-row')).toContainText('hello live');

  await sql(request, `UPDATE ${table} SET body = 'edited' WHERE id = 1`);
  await expect(events.first()).toHaveAttribute('data-operation', 'UPDATE');
  await sql(request, `DELETE FROM ${table} WHERE id = 1`);
  await expect(events.first()).toHaveAttribute('data-operation', 'DELETE');
  await expect(events).toHaveCount(3);

  // The operation filter hides UPDATEs.
  await page.getByTestId('realtime-filter-UPDATE').uncheck();
  await expect(events).toHaveCount(2);
  await page.getByTestId('realtime-filter-UPDATE').check();

  // Unsubscribed: further changes do not show up.
  await page.locator(`[data-testid="realtime-table-row"][data-table="public.${table}"]`).getByTestId('realtime-toggle').click();
  await expect(page.locator(`[data-testid="realtime-table-row"][data-table="public.${table}"]`).getByTestId('realtime-toggle')).not.toBeChecked();
  await sql(request, `INSERT INTO ${table} VALUES (2, 'not delivered')`);
  await page.waitForTimeout(1_000);
  await expect(events).toHaveCount(3);
});
