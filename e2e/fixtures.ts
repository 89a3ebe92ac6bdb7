// Signs the browser in through the launch URL once per test, like the desktop window does.
import { test as base, expect, type Page } from '@playwright/test';
import { E2E } from './env';

export async function signIn(page: Page): Promise<void> {
  await page.goto(`/auth/launch?token=${E2E.dashboardToken}`);
  await expect(page.getByTestId('sidebar')).toBeVisible();
}

export const test = base.extend<{ signedIn: Page }>({
  signedIn: async ({ page }, use) => {
    await signIn(page);
    await use(page);
  },
});
export { expect };
