import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { getJson, serviceHeaders, sql } from './api';

const backupRow = (page: Page, label: string) => page.getByTestId('backup-row').filter({ has: page.getByTestId('backup-label').getByText(label, { exact: true }) });

test('take a backup, drop a table, restore over main: the table is back and the replaced state is kept', async ({ signedIn: page, request }) => {
  const table = `e2e_keep_${Date.now()}`;
  const label = `before drop ${Date.now()}`;
  await sql(request, `CREATE TABLE ${table} (id int PRIMARY KEY, v text); INSERT INTO ${table} VALUES (1, 'precious')`);

  await page.getByTestId('nav-backups').click();
  await expect(page.getByTestId('backups-page')).toBeVisible();
  await page.getByTestId('snapshot-label-input').fill(label);
  await page.getByTestId('snapshot-button').click();
  const row = backupRow(page, label);
  await expect(row.getByTestId('backup-status')).toHaveText('completed');
  await expect(row.getByTestId('backup-size')).toHaveText(/\d+(\.\d)? (KB|MB)/);

  // The SQL download holds the table and its data.
  const href = await row.getByTestId('backup-download').getAttribute('href');
  const dump = await request.get(href!, { headers: serviceHeaders });
  expect(dump.status()).toBe(200);
  const text = await dump.text();
  expect(text).toContain(table);
  expect(text).toContain('precious');

  await sql(request, `DROP TABLE ${table}`);

  // Restore over main: the dialog names what is replaced and wants its name typed.
  const { main } = await getJson<{ main: { database_name: string } }>(request, '/api/branches');
  await row.getByTestId('backup-restore').click();
  await page.getByTestId('restore-target-main').check();
  await expect(page.getByTestId('restore-main-warning')).toContainText(`replaces the main database ${main.database_name}`);
  await expect(page.getByTestId('restore-main-warning')).toContainText('kept as a backup');
  await expect(page.getByTestId('restore-dialog-confirm')).toBeDisabled();
  await page.getByTestId('restore-confirm-input').fill(main.database_name);
  await page.getByTestId('restore-dialog-confirm').click();
  await expect(page.getByTestId('restore-result')).toContainText('over the main database');
  const replaced = (await page.getByTestId('replaced-backup-label').textContent())!;
  await expect(backupRow(page, replaced)).toHaveCount(1);

  expect(await sql(request, `SELECT v FROM ${table}`)).toEqual([{ v: 'precious' }]);
});

test('restore a backup into a new branch, then delete the backup', async ({ signedIn: page, request }) => {
  const label = `to branch ${Date.now()}`;
  await page.getByTestId('nav-backups').click();
  await page.getByTestId('snapshot-label-input').fill(label);
  await page.getByTestId('snapshot-button').click();
  const row = backupRow(page, label);
  await expect(row.getByTestId('backup-status')).toHaveText('completed');

  await row.getByTestId('backup-restore').click();
  await page.getByTestId('restore-branch-label').fill('from-backup');
  await page.getByTestId('restore-dialog-confirm').click();
  await expect(page.getByTestId('restore-result')).toContainText('into the new branch from-backup');
  const branches = await getJson<{ branches: Array<{ label: string }> }>(request, '/api/branches');
  expect(branches.branches.map((b) => b.label)).toContain('from-backup');

  await row.getByTestId('backup-delete').click();
  await page.getByTestId('backup-delete-dialog-confirm').click();
  await expect(row).toHaveCount(0);
});
