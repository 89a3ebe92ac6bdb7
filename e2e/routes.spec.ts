// Issue 15 §1: every route survives a reload and a deep link; /realtime stays the WebSocket.
import { test, expect } from './fixtures';
import { serviceHeaders, sql } from './api';

test('every dashboard route survives a reload and a deep link', async ({ signedIn: page, request }) => {
  const table = `e2e_route_${Date.now().toString(36)}`;
  await sql(request, `create table public.${table} (id int primary key, v text); insert into public.${table} values (1, 'deep link')`);
  const hook = await request.post('/api/webhooks', { headers: serviceHeaders, data: { table_name: table, events: ['INSERT'], url: 'http://127.0.0.1:9/nowhere', active: false } });
  expect(hook.status()).toBe(201);
  const webhookId = ((await hook.json()) as { webhook: { id: string } }).webhook.id;

  const routes: Array<[string, string]> = [
    ['/', 'connect-page'], ['/tables', 'tables-page'], [`/tables/public/${table}`, 'table-view'], ['/sql', 'sql-page'],
    ['/diagram', 'diagram-page'], ['/keys', 'keys-page'], ['/webhooks', 'webhooks-page'], ['/webhooks/new', 'webhook-editor'],
    [`/webhooks/${webhookId}`, 'webhook-detail'], [`/webhooks/${webhookId}/edit`, 'webhook-editor'], ['/realtime-inspector', 'realtime-page'],
    ['/branches', 'branches-page'], ['/backups', 'backups-page'], ['/logs', 'request-log'], ['/logs/postgres', 'logs-page'],
    ['/settings', 'settings-page'], ['/settings/audit', 'settings-page'], ['/settings/usage', 'usage-tab'], ['/gateway', 'gateway-page'],
  ];
  for (const [route, testId] of routes) {
    const res = await page.goto(route);
    expect(res?.status(), route).toBe(200);
    await expect(page.getByTestId(testId), route).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.getByTestId(testId), `${route} after reload`).toBeVisible({ timeout: 30_000 });
  }
  await page.goto(`/tables/public/${table}`);
  await expect(page.getByTestId('grid-row')).toContainText(['deep link']);

  // The sidebar's Realtime entry goes to the page, and /realtime is still the socket (not the dashboard).
  await page.getByTestId('nav-realtime').click();
  await expect(page).toHaveURL(/\/realtime-inspector$/);
  const socketPath = await request.get('/realtime', { headers: serviceHeaders });
  expect(socketPath.headers()['content-type'] ?? '').not.toContain('text/html');
});
