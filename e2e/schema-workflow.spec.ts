import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { test, expect } from './fixtures';
import { getJson, serviceHeaders, sql } from './api';

test('migrations page: set the folder, see pending files, apply them; apply a one-off migration', async ({ signedIn: page, request }) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-e2e-migrations-'));
  const stamp = Date.now();
  await fs.writeFile(path.join(dir, `${stamp}01_e2e_first.sql`), `CREATE TABLE public.e2e_mig_${stamp} (id int PRIMARY KEY);\n`);
  await fs.writeFile(path.join(dir, `${stamp}02_e2e_second.sql`), `ALTER TABLE public.e2e_mig_${stamp} ADD COLUMN note text;\n`);

  await page.getByTestId('nav-migrations').click();
  await expect(page.getByTestId('migrations-page')).toBeVisible();
  await page.getByTestId('migrations-dir-input').fill(dir);
  await page.getByTestId('migrations-settings-save').click();
  const first = page.locator(`[data-testid="migration-row"][data-version="${stamp}01"]`);
  await expect(first.getByTestId('migration-status')).toHaveText('pending');
  await page.getByTestId('migrations-apply-pending').click();
  await expect(page.getByTestId('migrations-apply-confirm')).toContainText(`${stamp}02_e2e_second.sql`);
  await page.getByTestId('migrations-apply-confirm-confirm').click();
  await expect(page.getByTestId('migrations-apply-result')).toContainText('Applied 2 migration(s)');
  await expect(first.getByTestId('migration-status')).toHaveText('applied');
  expect(await sql(request, `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'e2e_mig_${stamp}'`)).toEqual([{ n: 2 }]);

  // Editing an applied file shows up as changed.
  await fs.appendFile(path.join(dir, `${stamp}01_e2e_first.sql`), '-- edited\n');
  await page.reload();
  await expect(first.getByTestId('migration-status')).toHaveText('changed');

  await page.getByTestId('new-migration-name').fill(`e2e_one_off_${stamp}`);
  await page.getByTestId('new-migration-sql').fill(`CREATE TABLE public.e2e_one_off_${stamp} (id int);`);
  await page.getByTestId('new-migration-apply').click();
  await expect(page.getByTestId('new-migration-result')).toContainText(`Applied e2e_one_off_${stamp}`);
  await fs.rm(dir, { recursive: true, force: true });
});

test('types page shows the Database type for the schema and copies it', async ({ signedIn: page, request }) => {
  const table = `e2e_types_${Date.now()}`;
  await sql(request, `CREATE TABLE public.${table} (id bigint PRIMARY KEY, title text NOT NULL)`);
  await page.getByTestId('nav-types').click();
  await expect(page.getByTestId('types-output')).toContainText(`${table}: {`);
  await expect(page.getByTestId('types-output')).toContainText('export type Database = {');
  await page.getByTestId('types-copy').click();
  await expect(page.getByTestId('types-copy')).toHaveText('Copied');
});

test('advisors: a public table without RLS is reported; Fix shows the SQL first and then fixes it', async ({ signedIn: page, request }) => {
  const table = `e2e_open_${Date.now()}`;
  await sql(request, `CREATE TABLE public.${table} (id int PRIMARY KEY)`);
  await page.getByTestId('nav-advisors').click();
  const row = page.locator(`[data-testid="lint-row"][data-lint="rls_disabled_in_public"][data-object="${table}"]`);
  await expect(row).toBeVisible();
  await row.getByTestId('lint-fix').click();
  await expect(page.getByTestId('fix-sql')).toHaveText(`ALTER TABLE public.${table} ENABLE ROW LEVEL SECURITY;`);
  await page.getByTestId('fix-dialog-confirm').click();
  await expect(page.getByTestId('fix-result')).toBeVisible();
  await expect(row).toHaveCount(0);
  expect(await sql(request, `SELECT relrowsecurity FROM pg_class WHERE oid = 'public.${table}'::regclass`)).toEqual([{ relrowsecurity: true }]);
});

test('branches: promote a branch with a new table into main after reviewing the diff', async ({ signedIn: page, request }) => {
  const label = `promote ${Date.now()}`;
  const table = `e2e_promoted_${Date.now()}`;
  const created = await request.post('/api/branches', { headers: serviceHeaders, data: { label } });
  expect(created.status(), await created.text()).toBe(201);
  const { branch } = (await created.json()) as { branch: { id: string; database_name: string } };
  const list = await getJson<{ main: { connection_string: string } }>(request, '/api/branches');
  const url = new URL(list.main.connection_string);
  url.pathname = `/${branch.database_name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`CREATE TABLE public.${table} (id int PRIMARY KEY, name text)`);
  await client.end();

  await page.getByTestId('nav-branches').click();
  const row = page.locator(`[data-testid="branch-row"][data-branch-id="${branch.id}"]`);
  await row.getByTestId('branch-promote').click();
  await expect(page.getByTestId('diff-statements')).toContainText(`CREATE TABLE "public"."${table}"`);
  await page.getByTestId('promote-name').fill(`add_${table}`);
  await page.getByTestId('promote-dialog-confirm').click();
  await expect(page.getByTestId('promote-result')).toContainText(`add_${table}`);
  expect(await sql(request, `SELECT to_regclass('public.${table}') IS NOT NULL AS ok`)).toEqual([{ ok: true }]);
});
