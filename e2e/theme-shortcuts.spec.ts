// Issue 15 §10: light and dark themes (following the system, with a switch) and the `?` shortcut sheet.
import { test, expect } from './fixtures';

test('the theme follows the system until switched, and the choice is kept', async ({ signedIn: page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-select').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const bg = () => page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--bg').trim()");
  expect(['#fff', '#ffffff']).toContain(await bg());
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme-select').selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).toBe('#0f1115');
});

test('? opens the keyboard shortcut sheet, Escape closes it; typing ? in a field does not', async ({ signedIn: page }) => {
  await page.goto('/tables');
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toContainText('Paste TSV');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);
  await page.getByTestId('table-search').fill('');
  await page.getByTestId('table-search').press('?');
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);
});
