import { test, expect } from './fixtures';
import type { APIRequestContext, Page } from '@playwright/test';
import { E2E } from './env';

async function sql(request: APIRequestContext, text: string) {
  const res = await request.post('/v1/sql', { headers: { apikey: E2E.serviceKey }, data: { sql: text, timeout: 60_000 } });
  if (!res.ok()) {
    // /v1/sql may not be mounted: the dashboard console endpoint takes the service key too.
    const alt = await request.post('/api/sql/query', { headers: { apikey: E2E.serviceKey }, data: { sql: text, timeout: 60_000 } });
    expect(alt.ok(), await alt.text()).toBeTruthy();
  }
}

const row = (page: Page, text: string) => page.getByTestId('grid-row').filter({ hasText: text });
const cell = (page: Page, rowText: string, column: string) => row(page, rowText).locator(`[data-testid="grid-cell"][data-column="${column}"]`);

async function openTable(page: Page, name: string) {
  await page.goto('/tables');
  await expect(page.getByTestId('table-list')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('table-search').fill(name);
  await page.locator(`[data-testid="table-item"][data-table="${name}"]`).click();
  await expect(page.getByTestId('table-title')).toHaveText(`public.${name}`);
}

async function editCell(page: Page, rowText: string, column: string, value: string) {
  await cell(page, rowText, column).dblclick();
  await page.getByTestId('cell-editor-input').fill(value);
  await page.getByTestId('cell-editor-save').click();
}

test('create tables with a foreign key from the UI, then insert, edit, delete rows; a failing edit shows its error', async ({ signedIn: page, request }) => {
  const suffix = Date.now().toString(36);
  const parent = `e2e_authors_${suffix}`;
  const child = `e2e_books_${suffix}`;
  await page.goto('/tables');
  await expect(page.getByTestId('table-list')).toBeVisible({ timeout: 30_000 });

  // Parent: id bigint PK (identity) + name text not null.
  await page.getByTestId('table-create').click();
  await page.getByTestId('create-table-name').fill(parent);
  const cols = page.getByTestId('create-column');
  await cols.nth(1).getByTestId('create-column-name').fill('name');
  await cols.nth(1).getByTestId('create-column-nullable').uncheck();
  await page.getByTestId('create-table-preview').click();
  await expect(page.getByTestId('ddl-sql')).toContainText(`CREATE TABLE "public"."${parent}"`);
  await expect(page.getByTestId('ddl-sql')).toContainText('ENABLE ROW LEVEL SECURITY');
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.getByTestId('table-title')).toHaveText(`public.${parent}`);

  // Child with a FK to the parent.
  await page.getByTestId('table-create').click();
  await page.getByTestId('create-table-name').fill(child);
  await cols.nth(1).getByTestId('create-column-name').fill('title');
  await page.getByTestId('create-column-add').click();
  await cols.nth(2).getByTestId('create-column-name').fill('author_id');
  await cols.nth(2).getByTestId('create-column-type').fill('bigint');
  await cols.nth(2).getByTestId('create-column-ref').selectOption(`public|${parent}|id`);
  await page.getByTestId('create-table-preview').click();
  await expect(page.getByTestId('ddl-sql')).toContainText(`REFERENCES "public"."${parent}" ("id")`);
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.getByTestId('table-title')).toHaveText(`public.${child}`);

  // Insert two authors through the grid.
  await openTable(page, parent);
  for (const name of ['Ada', 'Grace']) {
    await page.getByTestId('row-insert').click();
    await page.locator('[data-testid="grid-row"][data-row-kind="insert"]').first().locator('[data-column="name"]').dblclick();
    await page.getByTestId('cell-editor-input').fill(name);
    await page.getByTestId('cell-editor-save').click();
  }
  await expect(page.getByTestId('pending-count')).toHaveText('2 pending changes');
  await page.getByTestId('edits-save').click();
  await expect(page.getByTestId('pending-bar')).toHaveCount(0);
  await expect(row(page, 'Ada')).toHaveCount(1);
  await expect(row(page, 'Grace')).toHaveCount(1);

  // Edit one; a failing edit (Grace's id set to Ada's: a duplicate key) shows the Postgres error next to its cell,
  // and nothing of the batch is applied.
  const adaId = await cell(page, 'Ada', 'id').innerText();
  await editCell(page, 'Grace', 'name', 'Grace Hopper');
  await editCell(page, 'Grace Hopper', 'id', adaId);
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending change');
  await page.getByTestId('edits-save').click();
  const failing = cell(page, 'Grace Hopper', 'id');
  await expect(failing).toHaveAttribute('data-error', 'true');
  await expect(failing.getByTestId('cell-error')).toContainText('duplicate key value violates unique constraint');
  await expect(page.getByTestId('edits-error')).toContainText('column id');
  await page.getByTestId('edits-discard').click();
  await expect(page.getByTestId('cell-error')).toHaveCount(0);
  await editCell(page, 'Grace', 'name', 'Grace Hopper');
  await page.getByTestId('edits-save').click();
  await expect(row(page, 'Grace Hopper')).toHaveCount(1);

  // A book pointing at Ada; the FK cell opens the referenced row.
  await sql(request, `insert into public.${child} (title, author_id) values ('Notes', ${adaId})`);
  await openTable(page, child);
  await cell(page, 'Notes', 'author_id').getByTestId('cell-fk-open').click();
  await expect(page.getByTestId('table-title')).toHaveText(`public.${parent}`);
  await expect(page.getByTestId('grid-row')).toHaveCount(1);
  await expect(row(page, 'Ada')).toHaveCount(1);

  // Referenced by: from Ada, jump to her books.
  await row(page, 'Ada').getByTestId('row-select').check();
  await page.getByTestId('referenced-by').selectOption({ index: 1 });
  await expect(page.getByTestId('table-title')).toHaveText(`public.${child}`);
  await expect(row(page, 'Notes')).toHaveCount(1);

  // Delete the book.
  await row(page, 'Notes').getByTestId('row-select').check();
  await page.getByTestId('row-delete').click();
  await page.getByTestId('edits-save').click();
  await expect(page.getByTestId('grid-empty')).toBeVisible();
});

test('filters, multi-column sort, quick search; CSV import then export round-trip', async ({ signedIn: page }) => {
  const name = `e2e_people_${Date.now().toString(36)}`;
  await page.goto('/tables');
  await expect(page.getByTestId('table-list')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('table-create').click();
  await page.getByTestId('create-table-name').fill(name);
  await page.getByTestId('create-table-rls').uncheck();
  const cols = page.getByTestId('create-column');
  await cols.nth(1).getByTestId('create-column-name').fill('name');
  await page.getByTestId('create-column-add').click();
  await cols.nth(2).getByTestId('create-column-name').fill('age');
  await cols.nth(2).getByTestId('create-column-type').fill('integer');
  await page.getByTestId('create-table-preview').click();
  await page.getByTestId('ddl-dialog-confirm').click();
  await expect(page.getByTestId('table-title')).toHaveText(`public.${name}`);
  await expect(page.getByTestId('rls-warning')).toContainText('RLS is off');

  const csv = 'id,name,age,ignored\n1,Ada,36,x\n2,"Hopper, Grace",85,y\n3,Linus,36,z\n4,,20,w\n';
  await page.getByTestId('import-csv').click();
  await page.getByTestId('import-text').fill(csv);
  await expect(page.getByTestId('import-preview-row')).toHaveCount(4);
  await expect(page.locator('[data-testid="import-map"][data-header="ignored"]')).toHaveValue('');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 4 rows');
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('grid-row')).toHaveCount(4);

  // Sort by age desc, then name asc (Shift+click adds a key).
  const header = (c: string) => page.locator(`[data-testid="column-header"][data-column="${c}"]`);
  await header('age').click();
  await header('age').click();
  await header('name').click({ modifiers: ['Shift'] });
  const names = page.locator('[data-testid="grid-row"] [data-column="name"]');
  await expect(names).toHaveText(['Hopper, Grace', 'Ada', 'Linus', 'NULL']);

  // Filter age = 36 and name not null; quick search.
  await page.getByTestId('filter-add').click();
  await page.getByTestId('filter-column').selectOption('age');
  await page.getByTestId('filter-value').fill('36');
  await expect(names).toHaveText(['Ada', 'Linus']);
  await page.getByTestId('grid-search').fill('lin');
  await expect(names).toHaveText(['Linus']);
  await page.getByTestId('grid-search').fill('');
  await page.getByTestId('filter-remove').click();
  await expect(page.getByTestId('grid-row')).toHaveCount(4);

  // Export the current view as CSV: the same rows come back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-view-csv').click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe('id,name,age');
  expect(lines.slice(1)).toEqual(['2,"Hopper, Grace",85', '1,Ada,36', '3,Linus,36', '4,,20']);
});

test('a 1,000,000-row table opens fast and scrolls to its last page', async ({ signedIn: page, request }) => {
  test.setTimeout(180_000);
  await sql(request, `create table if not exists public.e2e_million (id bigint primary key, label text);
    insert into public.e2e_million select g, 'row ' || g from generate_series(1, 1000000) g on conflict do nothing; analyze public.e2e_million`);
  await openTable(page, 'e2e_million');
  await expect(page.getByTestId('grid-row').first()).toContainText('row 1');
  await expect(page.getByTestId('row-count')).toContainText('≈');
  await page.getByTestId('page-last').click();
  const grid = page.getByTestId('data-grid');
  await grid.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('grid-row').last()).toContainText('row 1000000');
  await expect(page.getByTestId('page-next')).toBeDisabled();
  await page.getByTestId('page-prev').click();
  await expect(page.locator('[data-testid="grid-row"][data-index="0"]')).toContainText('row 999801');
});

test('view as anon/authenticated applies RLS; large cells open in the side editor; JSON is validated; columns hide', async ({ signedIn: page, request }) => {
  const name = `e2e_notes_${Date.now().toString(36)}`;
  await sql(request, `create table public.${name} (id bigint primary key, owner text, body text, meta jsonb);
    alter table public.${name} enable row level security;
    create policy own on public.${name} for select to authenticated using (owner = current_setting('request.jwt.claims', true)::json->>'sub');
    insert into public.${name} values (1, 'u1', repeat('x', 5000), '{"a":1}'), (2, 'u1', 'short', null), (3, 'u2', 'other', null)`);
  await openTable(page, name);
  await expect(page.getByTestId('grid-row')).toHaveCount(3);
  await expect(page.getByTestId('rls-warning')).toHaveCount(0);
  await expect(page.getByTestId('row-count')).toHaveText('3 rows');

  // A 5,000-character cell is truncated in the grid and opened in full beside it.
  const big = cell(page, 'u1', 'body').first();
  expect((await big.innerText()).length).toBeLessThan(300);
  await big.getByTestId('cell-open-large').click();
  await expect(page.getByTestId('side-editor-text')).toHaveValue('x'.repeat(5000));
  await page.getByTestId('side-editor-close').click();

  // JSON editor validation: invalid JSON is refused before it reaches the queue.
  await cell(page, 'short', 'meta').dblclick();
  await page.getByTestId('cell-editor-input').fill('{"a":');
  await page.getByTestId('cell-editor-save').click();
  await expect(page.getByTestId('cell-editor-error')).toContainText('Invalid JSON');
  await page.getByTestId('cell-editor-input').fill('{"ok": true}');
  await page.getByTestId('cell-editor-save').click();
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending change');
  await page.getByTestId('edits-save').click();
  await expect(cell(page, 'short', 'meta')).toContainText('{"ok":true}');

  // Hide a column.
  await page.getByTestId('columns-menu').click();
  await page.locator('[data-testid="column-toggle"][data-column="body"]').uncheck();
  await expect(page.locator('[data-testid="column-header"][data-column="body"]')).toHaveCount(0);
  await page.getByTestId('columns-menu').click();

  // View as: anon sees nothing (no policy for anon), authenticated u1 sees its two rows; read-only meanwhile.
  await page.getByTestId('view-as-role').selectOption('anon');
  await expect(page.getByTestId('view-as-badge')).toContainText('anon');
  await expect(page.getByTestId('grid-empty')).toBeVisible();
  await expect(page.getByTestId('row-insert')).toHaveCount(0);
  await page.getByTestId('view-as-role').selectOption('authenticated');
  await page.getByTestId('view-as-sub').fill('u1');
  await expect(page.getByTestId('grid-row')).toHaveCount(2);
  await page.getByTestId('view-as-role').selectOption('service');
  await expect(page.getByTestId('grid-row')).toHaveCount(3);
});
