// Issue 15 §5: a grid driven from the keyboard, TSV copy/paste, resizable columns, URL state.
import { test, expect } from './fixtures';
import { sql } from './api';

const cursorCell = (page: import('@playwright/test').Page) => page.locator('[data-testid="grid-cell"][data-cursor="true"]');

test('arrow keys move the cursor, Enter edits, Tab moves on, Escape cancels; a range copies as TSV', async ({ signedIn: page, request, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const table = `e2e_keys_${Date.now().toString(36)}`;
  await sql(request, `create table public.${table} (id int primary key, name text, city text); insert into public.${table} values (1, 'Ada', 'London'), (2, 'Grace', 'NYC'), (3, 'Linus', 'Helsinki')`);
  await page.goto(`/tables/public/${table}?sort=id`);
  const grid = page.getByTestId('data-grid');
  await page.locator('[data-testid="grid-cell"][data-column="id"]').first().click();
  await expect(cursorCell(page)).toHaveText('1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(cursorCell(page)).toHaveAttribute('data-column', 'name');
  await expect(cursorCell(page)).toHaveText('Grace');

  await page.keyboard.press('Enter');
  await page.getByTestId('cell-editor-input').fill('Grace Hopper');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('pending-count')).toHaveText('1 pending change');
  await expect(cursorCell(page)).toHaveAttribute('data-column', 'city');
  await page.keyboard.press('F2');
  await page.getByTestId('cell-editor-input').fill('nope');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-editor')).toHaveCount(0);
  await expect(cursorCell(page)).toHaveText('NYC');

  // Shift+arrows select a range; Ctrl/Cmd+C copies it as TSV.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.locator('[data-testid="grid-cell"][data-in-range="true"]')).toHaveCount(4);
  await grid.focus();
  await page.keyboard.press('ControlOrMeta+C');
  await expect(page.getByTestId('grid-notice')).toContainText('Copied 4 cells');
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe('Grace Hopper\tNYC\nLinus\tHelsinki');
  await page.getByTestId('edits-save').click();
  await expect(page.getByTestId('pending-bar')).toHaveCount(0);
  expect(await sql(request, `select name from public.${table} where id = 2`)).toEqual([{ name: 'Grace Hopper' }]);
});

test('a TSV paste of 50 rows becomes 50 pending new rows and is saved at once', async ({ signedIn: page, request, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const table = `e2e_paste_${Date.now().toString(36)}`;
  await sql(request, `create table public.${table} (id int primary key, name text not null, score numeric, note text default 'n/a')`);
  await page.goto(`/tables/public/${table}`);
  await expect(page.getByTestId('grid-empty')).toBeVisible();

  // A new row marks the required column instead of pretending DEFAULT.
  await page.getByTestId('row-insert').click();
  await expect(page.locator('[data-testid="grid-cell"][data-column="name"]').getByTestId('cell-required')).toBeVisible();
  await expect(page.locator('[data-testid="grid-cell"][data-column="note"]')).toHaveText('DEFAULT');
  await page.getByTestId('edits-discard').click();

  const tsv = ['id\tname\tscore', ...Array.from({ length: 50 }, (_, i) => `${i + 1}\tPerson ${i + 1}\t${(i * 1.5).toFixed(1)}`)].join('\n');
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(tsv)})`);
  await page.getByTestId('data-grid').focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.getByTestId('grid-notice')).toContainText('50 new rows');
  await expect(page.getByTestId('pending-count')).toHaveText('50 pending changes');
  await page.getByTestId('edits-save').click();
  await expect(page.getByTestId('pending-bar')).toHaveCount(0);
  await expect(page.getByTestId('row-count')).toHaveText('50 rows');
  expect(await sql(request, `select count(*)::int as n, sum(score)::text as s, min(note) as note from public.${table}`)).toEqual([{ n: 50, s: '1837.5', note: 'n/a' }]);
});

test('resized columns stay resized; sort, filters, search, page size and page position live in the URL', async ({ signedIn: page, request }) => {
  const table = `e2e_url_${Date.now().toString(36)}`;
  await sql(request, `create table public.${table} (id int primary key, label text); insert into public.${table} select g, 'row ' || g from generate_series(1, 120) g`);
  await page.goto(`/tables/public/${table}`);
  const header = page.locator('[data-testid="column-header"][data-column="label"]');
  const before = (await header.boundingBox())!.width;
  const handle = header.getByTestId('column-resize');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const after = (await header.boundingBox())!.width;
  expect(after).toBeGreaterThan(before + 80);

  await page.locator('[data-testid="column-header"][data-column="id"]').click();
  await page.locator('[data-testid="column-header"][data-column="id"]').click();
  await expect(page).toHaveURL(/sort=id\.desc/);
  await page.getByTestId('page-size').selectOption('25');
  await page.getByTestId('grid-search').fill('row 1');
  await expect(page).toHaveURL(/q=row\+1/);
  await page.getByTestId('page-next').click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.getByTestId('grid-loading')).toHaveCount(0);
  await expect(page.locator('[data-testid="grid-row"][data-index="0"]')).toHaveText('15row 15');
  const firstRow = (await page.locator('[data-testid="grid-row"][data-index="0"]').textContent())!;

  await page.reload();
  await expect(page.getByTestId('grid-search')).toHaveValue('row 1');
  await expect(page.getByTestId('page-size')).toHaveValue('25');
  await expect(page.locator('[data-testid="grid-row"][data-index="0"]')).toHaveText(firstRow);
  expect((await header.boundingBox())!.width).toBeCloseTo(after, 0);

  // Go to row 101 with 25 rows a page: the page from row 101 on, cursor on it.
  await page.getByTestId('grid-search').fill('');
  // The search reaches the URL 250 ms after typing (and resets the page): wait for it before paging.
  await expect(page).not.toHaveURL(/q=/);
  await page.locator('[data-testid="column-header"][data-column="id"]').click();
  await expect(page).not.toHaveURL(/sort=/);
  await page.getByTestId('goto-row-input').fill('101');
  await page.getByTestId('goto-row').click();
  await expect(page).toHaveURL(/offset=100/);
  await expect(cursorCell(page)).toHaveText('101');
  await expect(page.getByTestId('page-position')).toHaveText('from row 101');
});
