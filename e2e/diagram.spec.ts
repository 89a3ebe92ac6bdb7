// Issue 15 §6: the schema diagram on /api/sql/erd.
import { test, expect } from './fixtures';
import { sql } from './api';

test('the schema diagram shows tables and foreign keys, pans and zooms, and opens a table on click', async ({ signedIn: page, request }) => {
  const schema = `e2e_erd_${Date.now().toString(36)}`;
  await sql(request, `create schema ${schema};
    create table ${schema}.authors (id int primary key, name text);
    create table ${schema}.books (id int primary key, title text, author_id int references ${schema}.authors(id));
    create table ${schema}.reviews (id int primary key, book_id int references ${schema}.books(id), body text)`);
  await page.getByTestId('nav-diagram').click();
  await page.getByTestId('diagram-schema').selectOption(schema);
  await expect(page).toHaveURL(new RegExp(`schema=${schema}`));
  await expect(page.getByTestId('diagram-table')).toHaveCount(3);
  await expect(page.getByTestId('diagram-edge')).toHaveCount(2);
  await expect(page.locator('[data-testid="diagram-table"][data-table="books"]')).toContainText('author_id');

  const canvas = page.getByTestId('diagram-canvas');
  const scale = Number(await canvas.getAttribute('data-scale'));
  await page.getByTestId('diagram-zoom-in').click();
  expect(Number(await canvas.getAttribute('data-scale'))).toBeGreaterThan(scale);
  const books = page.locator('[data-testid="diagram-table"][data-table="books"]');
  const before = (await books.boundingBox())!;
  const area = (await canvas.boundingBox())!;
  await page.mouse.move(area.x + 10, area.y + area.height - 10);
  await page.mouse.down();
  await page.mouse.move(area.x + 70, area.y + area.height - 40, { steps: 4 });
  await page.mouse.up();
  const moved = (await books.boundingBox())!;
  expect(moved.x - before.x).toBeCloseTo(60, -1);

  await page.getByTestId('diagram-fit').click();
  await books.locator('.diagram-title').click();
  await expect(page).toHaveURL(new RegExp(`/tables/${schema}/books`));
  await expect(page.getByTestId('table-title')).toHaveText(`${schema}.books`);
});
