// Issue 15 §3: the table definition panel, built on preview-then-apply; the RLS policy editor.
import { test, expect } from './fixtures';
import { sql } from './api';
import { E2E } from './env';

test('the policy editor makes a table readable by anon; "view as anon" says why it was empty', async ({ signedIn: page, request }) => {
  const table = `e2e_posts_${Date.now().toString(36)}`;
  await sql(request, `create table public.${table} (id int primary key, title text, user_id uuid);
    alter table public.${table} enable row level security;
    insert into public.${table} values (1, 'hello world', gen_random_uuid()), (2, 'second', null)`);
  const anonRead = async () => (await request.get(`/v1/db/${table}?select=id&order=id`, { headers: { apikey: E2E.anonKey } })).json();
  expect(await anonRead()).toEqual([]);

  await page.goto(`/tables/public/${table}`);
  await page.getByTestId('view-as-role').selectOption('anon');
  await expect(page.getByTestId('grid-empty')).toBeVisible();
  await expect(page.getByTestId('view-as-empty-reason')).toContainText('no SELECT policy applies to anon');
  await page.getByTestId('view-as-role').selectOption('service');

  await page.getByTestId('structure-open').click();
  await page.getByTestId('definition-tab-rls').click();
  await expect(page.getByTestId('policy-empty')).toBeVisible();
  await page.getByTestId('policy-new').click();
  await page.getByTestId('policy-template').selectOption('public_read');
  await expect(page.getByTestId('policy-name')).toHaveValue('Public read');
  await page.getByTestId('policy-preview').click();
  await expect(page.getByTestId('ddl-sql')).toContainText(`CREATE POLICY "Public read" ON "public"."${table}"`);
  await expect(page.getByTestId('ddl-sql')).toContainText('TO "anon", "authenticated"');
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.locator('[data-testid="policy-row"][data-name="Public read"]')).toBeVisible();

  expect(await anonRead()).toEqual([{ id: 1 }, { id: 2 }]);
  await page.getByTestId('view-as-role').selectOption('anon');
  await expect(page.getByTestId('grid-row')).toHaveCount(2);
  await expect(page.getByTestId('view-as-empty-reason')).toHaveCount(0);
  await page.getByTestId('view-as-role').selectOption('service');

  // The own-rows template compares the owner column with auth.uid(); edit the policy into it, then delete it.
  await page.locator('[data-testid="policy-row"][data-name="Public read"]').getByTestId('policy-edit').click();
  await page.getByTestId('policy-template').selectOption('own_rows');
  await expect(page.getByTestId('policy-using')).toHaveValue('user_id = (select auth.uid())::uuid');
  await page.getByTestId('policy-name').fill('Own rows');
  await page.getByTestId('policy-preview').click();
  await expect(page.getByTestId('ddl-sql')).toContainText('DROP POLICY "Public read"');
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.locator('[data-testid="policy-row"][data-name="Own rows"]')).toBeVisible();
  expect(await anonRead()).toEqual([]);
  await page.locator('[data-testid="policy-row"][data-name="Own rows"]').getByTestId('policy-drop').click();
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.getByTestId('policy-empty')).toBeVisible();
});

test('columns renamed and retyped inline; constraints, indexes and triggers from the panel', async ({ signedIn: page, request }) => {
  const table = `e2e_def_${Date.now().toString(36)}`;
  await sql(request, `create type public.e2e_mood_${table} as enum ('ok', 'meh');
    create table public.${table}_owner (id int primary key, code text unique);
    create table public.${table} (id int primary key, qty text, owner_code text);
    create function public.${table}_touch() returns trigger language plpgsql as $$ begin return new; end $$;
    create trigger ${table}_touch before update on public.${table} for each row execute function public.${table}_touch()`);
  await page.goto(`/tables/public/${table}`);
  await page.getByTestId('structure-open').click();
  const col = (name: string) => page.locator(`[data-testid="structure-column"][data-column="${name}"]`);

  await col('qty').getByTestId('column-rename').click();
  await page.getByTestId('column-rename-input').fill('quantity');
  await page.getByTestId('column-rename-apply').click();
  await expect(page.getByTestId('ddl-sql')).toContainText('RENAME COLUMN "qty" TO "quantity"');
  await page.getByTestId('ddl-dialog-confirm').click();
  await col('quantity').getByTestId('column-retype').click();
  await page.getByTestId('column-retype-input').fill('integer');
  await page.getByTestId('column-retype-apply').click();
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(col('quantity')).toContainText('integer');
  // The type picker offers the database's enums.
  await expect(page.locator(`datalist option[value="e2e_mood_${table}"]`).first()).toBeAttached();

  await page.getByTestId('definition-tab-constraints').click();
  await page.getByTestId('constraint-kind').selectOption('check');
  await page.getByTestId('constraint-name').fill('quantity_positive');
  await page.getByTestId('constraint-expression').fill('quantity > 0');
  await page.getByTestId('constraint-add').click();
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.locator('[data-testid="constraint-row"][data-name="quantity_positive"]')).toBeVisible();
  await page.getByTestId('constraint-kind').selectOption('foreign_key');
  await page.getByTestId('constraint-columns').locator('[data-column="owner_code"]').check();
  await page.getByTestId('fk-table').selectOption(`public.${table}_owner`);
  await page.getByTestId('fk-key').selectOption('code');
  await page.getByTestId('fk-on-delete').selectOption('set null');
  await page.getByTestId('constraint-add').click();
  await expect(page.getByTestId('ddl-sql')).toContainText(`REFERENCES "public"."${table}_owner" ("code") ON DELETE SET NULL`);
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.getByTestId('constraint-row').filter({ hasText: 'FOREIGN KEY' })).toHaveCount(1);

  await page.getByTestId('definition-tab-indexes').click();
  await page.getByTestId('index-columns').locator('[data-column="quantity"]').check();
  await page.getByTestId('index-where').fill('quantity > 10');
  await page.getByTestId('index-add').click();
  await expect(page.getByTestId('ddl-sql')).toContainText('WHERE quantity > 10');
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.getByTestId('index-row').filter({ hasText: 'quantity > 10' })).toHaveCount(1);

  await page.getByTestId('definition-tab-triggers').click();
  const trigger = page.locator(`[data-testid="trigger-row"][data-name="${table}_touch"]`);
  await trigger.getByTestId('trigger-toggle').click();
  await expect(page.getByTestId('ddl-sql')).toContainText('DISABLE TRIGGER');
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(trigger.getByTestId('trigger-toggle')).not.toBeChecked();
});

test('a plain view over an RLS table that anon can read is flagged until it is security_invoker', async ({ signedIn: page, request }) => {
  const table = `e2e_secret_${Date.now().toString(36)}`;
  await sql(request, `create table public.${table} (id int primary key, note text); alter table public.${table} enable row level security;
    create view public.${table}_view as select id, note from public.${table}`);
  await page.goto(`/tables/public/${table}_view`);
  await expect(page.getByTestId('view-rls-warning-banner')).toContainText('security_invoker');
  await page.getByTestId('structure-open').click();
  await page.getByTestId('view-security-invoker').click();
  await expect(page.getByTestId('ddl-sql')).toContainText('SET (security_invoker = true)');
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.getByTestId('view-rls-warning')).toHaveCount(0);
});
