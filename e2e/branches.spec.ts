import pg from 'pg';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { getJson, sql } from './api';

const branchRow = (page: Page, label: string) => page.getByTestId('branch-row').filter({ has: page.getByTestId('branch-label').getByText(label, { exact: true }) });

test('create a branch, activate it, change a row there, switch back to main: main still has the original value', async ({ signedIn: page, request }) => {
  const table = `e2e_branch_items_${Date.now()}`;
  const label = `feature ${Date.now()}`;
  await sql(request, `CREATE TABLE ${table} (id int PRIMARY KEY, name text); INSERT INTO ${table} VALUES (1, 'original')`);

  await page.getByTestId('nav-branches').click();
  await expect(page.getByTestId('branches-page')).toBeVisible();
  await expect(page.getByTestId('main-active-marker')).toBeVisible();
  await page.getByTestId('branch-label-input').fill(label);
  await page.getByTestId('branch-ttl-input').fill('2');
  await page.getByTestId('branch-create-button').click();
  await expect(page.getByTestId('branch-result')).toContainText(`Created ${label}`);
  const row = branchRow(page, label);
  await expect(row.getByTestId('branch-status')).toHaveText('ready');
  await expect(row.getByTestId('branch-expiry')).toHaveText(/in (2 h|1[12]\d min)/);
  await expect(row.getByTestId('branch-size')).toHaveText(/\d+(\.\d)? (KB|MB)/);
  await expect(row.getByTestId('branch-connection-string')).toContainText('/truss_branch_feature_');

  // Activate (with a confirmation): the banner says so on every page.
  await row.getByTestId('branch-activate').click();
  await expect(page.getByTestId('branch-confirm')).toContainText('instead of main');
  await page.getByTestId('branch-confirm-confirm').click();
  await expect(row.getByTestId('branch-active-marker')).toBeVisible();
  await expect(page.getByTestId('active-branch-banner')).toContainText(label);
  await page.getByTestId('nav-connect').click();
  await expect(page.getByTestId('active-branch-label')).toHaveText(label);

  // The API now serves the branch: change the row there.
  await sql(request, `UPDATE ${table} SET name = 'changed in branch' WHERE id = 1`);
  expect(await sql(request, `SELECT name FROM ${table}`)).toEqual([{ name: 'changed in branch' }]);

  // One click back to main: the original value is there.
  await page.getByTestId('switch-to-main').click();
  await expect(page.getByTestId('active-branch-banner')).toHaveCount(0);
  expect(await sql(request, `SELECT name FROM ${table}`)).toEqual([{ name: 'original' }]);

  // Reset and delete, each confirmed.
  await page.getByTestId('nav-branches').click();
  await branchRow(page, label).getByTestId('branch-reset').click();
  await page.getByTestId('branch-confirm-confirm').click();
  await expect(page.getByTestId('branch-result')).toContainText(`Reset ${label}`);
  await branchRow(page, label).getByTestId('branch-delete').click();
  await expect(page.getByTestId('branch-confirm')).toContainText('cannot be undone');
  await page.getByTestId('branch-confirm-confirm').click();
  await expect(branchRow(page, label)).toHaveCount(0);
});

test('another client connected to the database: the copy warns, lists it, and terminates it only when confirmed', async ({ signedIn: page, request }) => {
  const list = await getJson<{ main: { connection_string: string } }>(request, '/api/branches');
  const client = new pg.Client({ connectionString: list.main.connection_string, application_name: 'e2e-blocker' });
  client.on('error', () => undefined); // it will be terminated
  await client.connect();
  const label = `blocked ${Date.now()}`;
  try {
    await page.getByTestId('nav-branches').click();
    await page.getByTestId('branch-label-input').fill(label);
    await page.getByTestId('branch-create-button').click();
    const dialog = page.getByTestId('blocking-dialog');
    await expect(dialog).toContainText('Other clients are connected');
    await expect(dialog.getByTestId('blocking-connection-row')).toContainText('e2e-blocker');

    // Cancel first: nothing is created and the client is untouched.
    await page.getByTestId('blocking-dialog-cancel').click();
    await expect(branchRow(page, label)).toHaveCount(0);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

    await page.getByTestId('branch-create-button').click();
    await page.getByTestId('blocking-dialog-confirm').click();
    await expect(page.getByTestId('branch-result')).toContainText(/Terminated 1 connection/);
    await expect(branchRow(page, label).getByTestId('branch-status')).toHaveText('ready');
    await expect(client.query('SELECT 1')).rejects.toThrow();
  } finally {
    await client.end().catch(() => undefined);
  }
});
