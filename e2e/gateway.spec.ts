// The Gateway page: rules added in the form, reordered by dragging, explained by the tester, upstream health.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { serviceHeaders, sql } from './api';
import { E2E } from './env';

async function addRule(page: Page, path: string, fill: () => Promise<void>) {
  await page.getByTestId('rule-new').click();
  await page.getByTestId('rule-path').fill(path);
  await fill();
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-dialog')).toBeHidden();
}

async function explain(page: Page, method: string, path: string) {
  await page.getByTestId('test-method').selectOption(method);
  await page.getByTestId('test-path').fill(path);
  await page.getByTestId('test-caller').selectOption('anon_key');
  await page.getByTestId('test-submit').click();
  return page.getByTestId('test-decision');
}

test('rules in order: add, drag to reorder, test a request, see upstream health', async ({ signedIn: page, request }) => {
  const table = `e2e_gw_${Date.now().toString(36)}`;
  await sql(request, `create table public.${table} (id int primary key); insert into public.${table} values (1)`);
  const service = http.createServer((req, res) => {
    if (req.url?.startsWith('/echo')) {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, url: req.url, body })));
      return;
    }
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  const anonGet = async () => (await request.get(`/v1/db/${table}`, { headers: { apikey: E2E.anonKey } })).status();
  try {
    await page.getByTestId('nav-gateway').click();
    await expect(page.getByTestId('gateway-page')).toBeVisible();

    await addRule(page, `/v1/db/${table}`, async () => {
      await page.getByTestId('rule-action').selectOption('deny');
      await page.getByTestId('rule-description').fill('closed');
    });
    await addRule(page, `/v1/db/${table}`, async () => {
      await page.getByTestId('rule-method-GET').check();
      await page.getByTestId('rule-action').selectOption('allow');
      await page.getByTestId('rule-description').fill('reads are fine');
    });
    const rows = page.getByTestId('rule-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('closed');
    expect(await anonGet()).toBe(403);

    let decision = await explain(page, 'GET', `/v1/db/${table}?id=eq.1`);
    await expect(decision).toHaveAttribute('data-allowed', 'false');
    await expect(decision).toContainText('GATEWAY_DENIED');
    await expect(page.getByTestId('test-step')).toHaveCount(1);

    // Drag "reads are fine" above "closed".
    const handle = rows.nth(1).getByTestId('rule-drag');
    const target = await rows.nth(0).boundingBox();
    const from = await handle.boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(from!.x + from!.width / 2, target!.y + 2, { steps: 12 });
    await page.mouse.up();
    await expect(rows.nth(0)).toContainText('reads are fine');
    await expect.poll(anonGet).toBe(200);
    await page.reload();
    await expect(page.getByTestId('rule-row').nth(0)).toContainText('reads are fine');

    decision = await explain(page, 'GET', `/v1/db/${table}`);
    await expect(decision).toHaveAttribute('data-allowed', 'true');
    await expect(decision).toContainText('Allowed by rule 1');
    decision = await explain(page, 'DELETE', `/v1/db/${table}?id=eq.1`);
    await expect(decision).toContainText('GATEWAY_DENIED');
    await expect(page.getByTestId('test-step').nth(0)).toHaveAttribute('data-result', 'method_mismatch');

    // The keyboard moves it back: focus the handle, Space, arrow up, Space.
    // Each key waits for dnd-kit to take the previous one (picked up, then over the first row): keys pressed faster
    // than it measures are lost.
    const dragHandle = page.getByTestId('rule-row').nth(1).getByTestId('rule-drag');
    await dragHandle.focus();
    await page.keyboard.press('Space');
    await expect(dragHandle).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('[id^="DndLiveRegion-"]')).toContainText('was moved over');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('rule-row').nth(0)).toContainText('closed');
    await expect.poll(anonGet).toBe(403);

    // A bad rule is refused with the server's reason and nothing is added.
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-path').fill('/v1/sql');
    await page.getByTestId('rule-save').click();
    await expect(page.getByTestId('rule-save-error')).toContainText('INVALID_RULE');
    await page.getByTestId('rule-cancel').click();
    await expect(page.getByTestId('rule-row')).toHaveCount(2);

    // An upstream shows in health.
    const up = await request.post('/api/gateway/rules', { headers: serviceHeaders, data: { match: { path: '/functions/v1/**' }, authorize: { allow: true }, upstream: serviceUrl } });
    expect(up.status()).toBe(201);
    // Requests there are streamed to it and back (the built server's proxy, @fastify/reply-from over undici).
    const echoed = await request.post('/functions/v1/echo?x=1', { headers: { ...serviceHeaders, 'content-type': 'text/plain' }, data: 'ping' });
    expect(echoed.status()).toBe(200);
    expect(await echoed.json()).toEqual({ method: 'POST', url: '/echo?x=1', body: 'ping' });
    await page.reload();
    await expect(page.getByTestId('rule-upstream-text')).toContainText(serviceUrl);
    const upstreamRow = page.getByTestId('upstream-health-row');
    await expect(upstreamRow).toHaveAttribute('data-status', 'up');
    await expect(page.locator('[data-testid="module-health-row"][data-module="gateway"]')).toHaveAttribute('data-status', 'up');

    await page.getByTestId('system-rules').locator('summary').click();
    await page.getByTestId('system-rules-filter').fill('/v1/sql');
    await expect(page.getByTestId('system-rule-row').first()).toContainText('/v1/sql');
  } finally {
    const rules = await request.get('/api/gateway/rules', { headers: serviceHeaders });
    for (const r of ((await rules.json()) as { rules: Array<{ id: string; system: boolean }> }).rules.filter((x) => !x.system)) {
      await request.delete(`/api/gateway/rules/${r.id}`, { headers: serviceHeaders });
    }
    service.closeAllConnections();
    await new Promise((resolve) => service.close(resolve));
  }
});
