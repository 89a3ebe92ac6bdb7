// Issue 15 §4: DDL from anywhere shows up in the open dashboard without switching tables.
import { test, expect } from './fixtures';
import { sql } from './api';

test('DDL through /v1/sql refreshes the open table\'s columns and the table list', async ({ signedIn: page, request }) => {
  const table = `e2e_live_ddl_${Date.now().toString(36)}`;
  await sql(request, `create table public.${table} (id int primary key); insert into public.${table} values (1)`);
  await page.goto(`/tables/public/${table}`);
  await expect(page.getByTestId('grid-row')).toHaveCount(1);
  await sql(request, `alter table public.${table} add column added_elsewhere text default 'from psql'`);
  await expect(page.locator('[data-testid="column-header"][data-column="added_elsewhere"]')).toBeVisible();
  await expect(page.locator('[data-testid="grid-cell"][data-column="added_elsewhere"]')).toHaveText('from psql');

  await sql(request, `create table public.${table}_new (id int)`);
  await expect(page.locator(`[data-testid="table-item"][data-table="${table}_new"]`)).toBeVisible();
  await expect(page.getByTestId('table-title')).toHaveText(`public.${table}`);
});
