// Issue 15 §9: a bulk import into a table with active webhooks warns first; pending deliveries can be cancelled.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures';
import { serviceHeaders, sql } from './api';

test('importing 30 rows into a watched table warns of 30 deliveries; the webhook page cancels the pending ones', async ({ signedIn: page, request }) => {
  // A receiver that fails, so deliveries stay pending (retried with backoff).
  const server = http.createServer((_req, res) => res.writeHead(500).end('down'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    const table = `e2e_flood_${Date.now().toString(36)}`;
    await sql(request, `create table public.${table} (id int primary key, v text)`);
    const created = await request.post('/api/webhooks', { headers: serviceHeaders, data: { name: 'flood hook', table_name: table, events: ['INSERT'], url } });
    const { webhook } = (await created.json()) as { webhook: { id: string } };

    await page.goto(`/tables/public/${table}`);
    await page.getByTestId('import-csv').click();
    await page.getByTestId('import-text').fill(['id,v', ...Array.from({ length: 30 }, (_, i) => `${i + 1},v${i}`)].join('\n'));
    await expect(page.getByTestId('webhook-flood-warning')).toContainText('30 new rows → 30 webhook deliveries');
    await expect(page.getByTestId('import-submit')).toBeDisabled();
    await page.getByTestId('webhook-flood-ok').check();
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-done')).toContainText('Imported 30 rows');
    await page.getByTestId('import-close').click();

    await page.goto(`/webhooks/${webhook.id}`);
    await expect(page.getByTestId('webhook-pending-notice')).toBeVisible();
    await page.getByTestId('webhook-cancel-pending').click();
    await page.getByTestId('webhook-cancel-dialog-confirm').click();
    await expect(page.getByTestId('webhook-cancel-result')).toContainText(/Cancelled \d+ pending/);
    await expect(page.getByTestId('webhook-pending')).toHaveText('0');
  } finally {
    await new Promise((r) => server.close(r));
  }
});
