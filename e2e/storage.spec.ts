import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { serviceHeaders } from './api';

// The browser's DataTransfer, which Node's type library does not describe.
type BrowserWindow = { DataTransfer: new () => { items: { add(file: File): void } } };

// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** Drops files on the drop zone the way a browser does when files are dragged from the desktop. */
async function dropFiles(page: Page, files: Array<{ name: string; type: string; base64: string }>) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new (globalThis as unknown as BrowserWindow).DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, files);
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

test('create a bucket, upload by drag and drop, preview, copy public and signed URLs, browse, rename, delete', async ({ signedIn: page, request }) => {
  const bucket = `e2e-files-${Date.now()}`;
  await page.getByTestId('nav-storage').click();
  await expect(page.getByTestId('storage-page')).toBeVisible();

  await page.getByTestId('bucket-name-input').fill(bucket);
  await page.getByTestId('bucket-public-input').check();
  await page.getByTestId('bucket-size-input').fill('1MB');
  await page.getByTestId('bucket-create-button').click();
  await expect(page.getByTestId('bucket-panel')).toHaveAttribute('data-bucket', bucket);
  await expect(page.getByTestId('bucket-limits')).toContainText('size limit 976.6 KB');
  await expect(page.getByTestId('policy-hint')).toContainText('No policy for anon and authenticated');

  await dropFiles(page, [
    { name: 'pixel.png', type: 'image/png', base64: PNG },
    { name: 'notes.txt', type: 'text/plain', base64: Buffer.from('hello from the dashboard').toString('base64') },
  ]);
  await expect(page.locator('[data-testid="upload-item"][data-status="done"]')).toHaveCount(2);
  await expect(page.getByTestId('upload-item').first().getByTestId('upload-progress')).toHaveAttribute('value', '100');
  await expect(page.getByTestId('file-row')).toHaveCount(2);

  // Preview: the image decodes, the text shows.
  await page.locator('[data-testid="file-row"][data-name="pixel.png"]').click();
  const image = page.getByTestId('preview-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img) => {
    const loaded = img as unknown as { complete: boolean; naturalWidth: number };
    return loaded.complete && loaded.naturalWidth;
  })).toBe(1);
  await page.locator('[data-testid="file-row"][data-name="notes.txt"]').click();
  await expect(page.getByTestId('preview-text')).toHaveText('hello from the dashboard');

  // URLs: the public one and a signed one both download without any key.
  const publicUrl = await page.getByTestId('public-url').inputValue();
  expect(publicUrl).toBe(`${new URL(page.url()).origin}/storage/v1/object/public/${bucket}/notes.txt`);
  await page.getByTestId('public-url-copy').click();
  await expect(page.getByTestId('public-url-copy')).toHaveText('Copied');
  expect(await (await request.get(publicUrl)).text()).toBe('hello from the dashboard');
  await page.getByTestId('signed-create').click();
  const signedUrl = await page.getByTestId('signed-url').inputValue();
  expect(signedUrl).toContain('/storage/v1/object/sign/');
  const signed = await request.get(signedUrl);
  expect(signed.status()).toBe(200);
  expect(await signed.text()).toBe('hello from the dashboard');

  // Folders and breadcrumbs.
  const put = await request.post(`/storage/v1/object/${bucket}/docs/guide.txt`, { headers: { ...serviceHeaders, 'content-type': 'text/plain' }, data: 'guide' });
  expect(put.status()).toBe(200);
  await page.getByTestId('files-refresh').click();
  await page.locator('[data-testid="folder-row"][data-name="docs"]').getByTestId('folder-link').click();
  await expect(page.getByTestId('breadcrumbs')).toContainText(`${bucket} / docs`);
  await expect(page.getByTestId('file-row')).toHaveCount(1);
  await page.getByTestId('crumb').first().click();
  await expect(page.getByTestId('folder-row')).toHaveCount(1);

  // Rename, then delete.
  await page.locator('[data-testid="file-row"][data-name="notes.txt"]').click();
  await page.getByTestId('file-rename').click();
  await page.getByTestId('rename-input').fill('docs/notes.txt');
  await page.getByTestId('rename-dialog-confirm').click();
  await expect(page.locator('[data-testid="file-row"][data-name="notes.txt"]')).toHaveCount(0);
  expect(await (await request.get(`/storage/v1/object/public/${bucket}/docs/notes.txt`)).text()).toBe('hello from the dashboard');

  await page.locator('[data-testid="file-row"][data-name="pixel.png"]').getByTestId('file-delete').click();
  await page.getByTestId('object-delete-dialog-confirm').click();
  await expect(page.getByTestId('file-row')).toHaveCount(0);
  expect((await request.get(`/storage/v1/object/public/${bucket}/pixel.png`)).status()).toBe(400);
});

test('bucket settings and a refused upload show what went wrong', async ({ signedIn: page }) => {
  const bucket = `e2e-images-${Date.now()}`;
  await page.goto('/buckets');
  await page.getByTestId('bucket-name-input').fill(bucket);
  await page.getByTestId('bucket-create-button').click();
  await page.getByTestId('bucket-settings').click();
  await page.getByTestId('bucket-settings-dialog').getByTestId('bucket-mime-input').fill('image/*');
  await page.getByTestId('bucket-settings-dialog-confirm').click();
  await expect(page.getByTestId('bucket-limits')).toContainText('types image/*');

  await dropFiles(page, [{ name: 'not-an-image.txt', type: 'text/plain', base64: Buffer.from('text').toString('base64') }]);
  const failed = page.locator('[data-testid="upload-item"][data-status="failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed.getByTestId('upload-status')).toContainText('mime type text/plain is not supported');

  await page.getByTestId('bucket-delete').click();
  await page.getByTestId('bucket-delete-dialog-confirm').click();
  await expect(page.getByTestId('bucket-delete-dialog')).toHaveCount(0);
  await expect(page.getByTestId('error-notice')).toHaveCount(0);
  await expect(page.getByTestId('bucket-none')).toBeVisible();
  await expect(page.locator(`[data-testid="bucket-item"][data-bucket="${bucket}"]`)).toHaveCount(0);
});
