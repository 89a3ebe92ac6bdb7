import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { sql } from './api';
import { E2E } from './env';

async function subscribe(page: Page, table: string) {
  const row = page.locator(`[data-testid="realtime-table-row"][data-table="public.${table}"]`);
  if (!(await row.count())) {
    await page.getByTestId('realtime-add-input').fill(`public.${table}`);
    await page.getByTestId('realtime-add').click();
  } else {
    await row.getByTestId('realtime-toggle').click();
  }
  await expect(row.getByTestId('realtime-toggle')).toBeChecked();
  await expect(row.getByTestId('realtime-toggle')).toBeEnabled(); // a pending toggle already shows its new state
}

test('toggle a realtime subscription and see inserts, updates and deletes appear live in the feed', async ({ signedIn: page, request }) => {
  const table = `e2e_messages_${Date.now()}`;
  await sql(request, `CREATE TABLE ${table} (id int PRIMARY KEY, body text)`);

  await page.getByTestId('nav-realtime').click();
  await expect(page.getByTestId('realtime-page')).toBeVisible();
  await expect(page.getByTestId('realtime-socket-state')).toHaveText('open');
  await subscribe(page, table);

  const events = page.locator(`[data-testid="realtime-event"][data-table="public.${table}"]`);
  await sql(request, `INSERT INTO ${table} VALUES (1, 'hello live')`);
  await expect(events.first()).toHaveAttribute('data-operation', 'INSERT');
  await expect(events.first()).toHaveAttribute('data-live', 'true');
  await expect(events.first().getByTestId('realtime-event-row')).toContainText('hello live');

  await sql(request, `UPDATE ${table} SET body = 'edited' WHERE id = 1`);
  await expect(events.first()).toHaveAttribute('data-operation', 'UPDATE');
  await sql(request, `DELETE FROM ${table} WHERE id = 1`);
  await expect(events.first()).toHaveAttribute('data-operation', 'DELETE');
  await expect(events).toHaveCount(3);

  // The operation filter hides UPDATEs.
  await page.getByTestId('realtime-filter-UPDATE').uncheck();
  await expect(events).toHaveCount(2);
  await page.getByTestId('realtime-filter-UPDATE').check();

  // Unsubscribed: further changes do not show up.
  await page.locator(`[data-testid="realtime-table-row"][data-table="public.${table}"]`).getByTestId('realtime-toggle').click();
  await expect(page.locator(`[data-testid="realtime-table-row"][data-table="public.${table}"]`).getByTestId('realtime-toggle')).not.toBeChecked();
  await expect(page.locator(`[data-testid="realtime-table-row"][data-table="public.${table}"]`).getByTestId('realtime-toggle')).toBeEnabled();
  await sql(request, `INSERT INTO ${table} VALUES (2, 'not delivered')`);
  await page.waitForTimeout(1_000);
  await expect(events).toHaveCount(3);
});

test('a supabase-js page in Chromium receives its rows live, and the dashboard lists its channel', async ({ signedIn: page, context, request }) => {
  const table = `e2e_live_${Date.now()}`;
  await sql(request, `CREATE TABLE ${table} (id int PRIMARY KEY, body text); ALTER PUBLICATION supabase_realtime ADD TABLE ${table}`);

  // An app on another (loopback) origin: Chromium's local network checks block a page like about:blank from it.
  const app = await context.newPage();
  await app.goto(`${E2E.baseUrl.replace('127.0.0.1', 'localhost')}/healthz`);
  await app.addScriptTag({ path: 'node_modules/@supabase/supabase-js/dist/umd/supabase.js' });
  const status = await app.evaluate(({ url, key, table }) => new Promise<string>((resolve) => {
    const w = globalThis as unknown as { supabase: { createClient: (u: string, k: string, o: object) => unknown }; received: unknown[] };
    w.received = [];
    const client = w.supabase.createClient(url, key, { auth: { persistSession: false } }) as {
      channel(name: string): { on(type: string, filter: object, cb: (p: unknown) => void): { subscribe(cb: (s: string, err?: Error) => void): void } };
    };
    client.channel('e2e-live')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table }, (p) => w.received.push(p))
      .subscribe((s, err) => { if (s !== 'CLOSED') resolve(err ? `${s}: ${err.message}` : s); });
  }), { url: E2E.baseUrl, key: E2E.anonKey, table });
  expect(status).toBe('SUBSCRIBED');

  await page.getByTestId('nav-realtime').click();
  const channel = page.locator('[data-testid="realtime-channel"][data-topic="realtime:e2e-live"]');
  await expect(channel).toBeVisible();
  await expect(channel.getByTestId('realtime-binding')).toContainText(`INSERT public.${table}`);

  await sql(request, `INSERT INTO ${table} VALUES (1, 'from the database')`);
  await expect.poll(() => app.evaluate(() => (globalThis as unknown as { received: Array<{ new: { body: string } }> }).received.map((r) => r.new.body)))
    .toEqual(['from the database']);
});
