import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { sql } from './api';

interface Received { headers: http.IncomingHttpHeaders; body: string }

/** A tiny receiver on a random port; `status` is what it answers. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(state.status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: state.status < 300, n: received.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The form offers a list of tables once they have loaded (a text field before): wait for one of them. */
async function pickTable(page: Page, table: string) {
  const select = page.getByTestId('webhook-table-select');
  const input = page.getByTestId('webhook-table-input');
  await expect(select.or(input)).toBeVisible();
  if (await select.isVisible()) {
    await expect(select.locator(`option[value="public.${table}"]`)).toHaveCount(1);
    await select.selectOption(`public.${table}`);
  } else {
    await input.fill(table);
  }
}

test('create a webhook to a local receiver, insert a row, see the signed delivery in the log; test and replay', async ({ signedIn: page, request }) => {
  const receiver = await startReceiver();
  const table = `e2e_orders_${Date.now()}`;
  const name = `orders hook ${Date.now()}`;
  try {
    await sql(request, `CREATE TABLE ${table} (id int PRIMARY KEY, item text)`);
    await page.getByTestId('nav-webhooks').click();
    await expect(page.getByTestId('webhooks-page')).toBeVisible();
    await page.getByTestId('webhook-new').click();
    await page.getByTestId('webhook-name-input').fill(name);
    await pickTable(page, table);
    await page.getByTestId('webhook-event-DELETE').uncheck();
    await page.getByTestId('webhook-url-input').fill(receiver.url);
    await page.getByTestId('header-add').click();
    await page.getByTestId('header-name').fill('X-Team');
    await page.getByTestId('header-value').fill('e2e');
    await page.getByTestId('webhook-secret-input').fill('s3cret');
    await page.getByTestId('webhook-save').click();
    await expect(page.getByTestId('webhook-detail-name')).toContainText(name);
    await expect(page.getByTestId('delivery-empty')).toBeVisible();

    await sql(request, `INSERT INTO ${table} VALUES (1, 'kettle')`);
    const row = page.getByTestId('delivery-row').filter({ has: page.getByTestId('delivery-event').getByText('INSERT', { exact: true }) });
    await expect(row).toHaveAttribute('data-outcome', 'success');
    await expect(row.getByTestId('delivery-status')).toHaveText('200');
    await row.click();
    await expect(page.getByTestId('log-payload')).toContainText('"item": "kettle"');
    await expect(page.getByTestId('log-response')).toContainText('"ok": true');

    // What the receiver got: the payload, the custom header, a valid signature.
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    expect(got.headers['x-team']).toBe('e2e');
    expect(got.headers['x-truss-signature']).toBe(crypto.createHmac('sha256', 's3cret').update(got.body).digest('hex'));
    expect(JSON.parse(got.body)).toMatchObject({ event: 'INSERT', table, row: { id: 1, item: 'kettle' } });

    // A test event while the receiver fails: shown as failed, in red.
    receiver.state.status = 500;
    await page.getByTestId('webhook-test').click();
    await expect(page.getByTestId('send-result')).toContainText('failed');
    await expect(page.getByTestId('delivery-row').filter({ has: page.getByTestId('delivery-event').getByText('TEST') }).first()).toHaveAttribute('data-outcome', 'failure');

    // Replay the INSERT once the receiver is back: delivered again with the same event id.
    receiver.state.status = 200;
    await row.first().getByTestId('delivery-replay').click();
    await expect(page.getByTestId('send-result')).toContainText('delivered');
    expect(receiver.received.at(-1)!.headers['x-truss-event-id']).toBe(got.headers['x-truss-event-id']);

    // Health at a glance in the list; pause from there.
    await page.getByTestId('webhooks-back').click();
    const listRow = page.getByTestId('webhook-row').filter({ has: page.getByTestId('webhook-name').getByText(name, { exact: true }) });
    await expect(listRow.getByTestId('webhook-delivered')).not.toHaveText('0');
    await listRow.getByTestId('webhook-toggle').click();
    await expect(listRow.getByTestId('webhook-health')).toHaveText('paused');

    // The signature snippet is there for both languages.
    await listRow.getByTestId('webhook-link').click();
    await expect(page.getByTestId('snippet-code')).toContainText('timingSafeEqual');
    await page.getByTestId('snippet-python').click();
    await expect(page.getByTestId('snippet-code')).toContainText('hmac.compare_digest');
  } finally {
    await receiver.close();
  }
});
