// The README's five-minute tour, end to end: the example app (examples/tour) served by Vite on its own origin, so
// every call is cross-origin (preflights, exposed headers), its schema applied with the tour's own setup command.
// Two users sign up in Chromium; each inserts under RLS, sees only their own rows arrive live, and uploads into a
// folder the other cannot read. A reload keeps the session (localStorage) and refreshes the short-lived token.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { freePort } from '../src-server/postgres/ports.js';
import { test, expect } from './fixtures';
import { E2E } from './env';

const SESSION_KEY = 'sb-127-auth-token'; // supabase-js: sb-<first label of the API host>-auth-token
const settingsHeaders = { apikey: E2E.serviceKey, 'content-type': 'application/json' };

let vite: ViteDevServer;
let appUrl: string;

test.beforeAll(async () => {
  // The tour's step 2, as a reader runs it.
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/tour/setup.ts'], {
    env: { ...process.env, SUPABASE_URL: E2E.baseUrl, TRESTLE_SERVICE_KEY: E2E.serviceKey }, encoding: 'utf8',
  });
  expect(out).toMatch(/Applied schema\.sql|already applied/);

  // The tour's step 3: `npm run tour` is Vite on examples/tour with these two variables.
  process.env.VITE_SUPABASE_URL = E2E.baseUrl;
  process.env.VITE_SUPABASE_ANON_KEY = E2E.anonKey;
  const port = await freePort();
  vite = await createServer({ root: path.resolve('examples/tour'), logLevel: 'warn', server: { port, strictPort: true, host: '127.0.0.1' } });
  await vite.listen();
  appUrl = `http://localhost:${port}`;
});
test.afterAll(async () => {
  await vite?.close();
});

interface StoredSession {
  access_token: string;
  refresh_token: string;
  user: { id: string };
}

async function storedSession(page: Page): Promise<StoredSession | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  return raw ? (JSON.parse(raw) as StoredSession) : null;
}

/** A fresh browser profile on the app; network failures (a refused preflight shows as one) are collected. */
async function openApp(browser: Browser, failures: string[]): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('requestfailed', (r) => failures.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  await page.goto(appUrl);
  await expect(page.getByTestId('tour-api-url')).toHaveText(E2E.baseUrl);
  return page;
}

async function signUp(page: Page, email: string): Promise<string> {
  await page.getByTestId('tour-email').fill(email);
  await page.getByTestId('tour-password').fill('tour-password');
  await page.getByTestId('tour-sign-up').click();
  await expect(page.getByTestId('tour-user')).toHaveText(email);
  await expect(page.getByTestId('tour-realtime-status')).toHaveText('SUBSCRIBED');
  return (await page.getByTestId('tour-user').getAttribute('data-user-id'))!;
}

async function send(page: Page, body: string): Promise<void> {
  await page.getByTestId('tour-message').fill(body);
  await page.getByTestId('tour-send').click();
  await expect(page.getByTestId('tour-message')).toHaveValue('');
}

const rows = (page: Page) => page.getByTestId('tour-message-row');

/** What a user's own token may read, straight from the API (the app only ever asks for its own folder). */
async function asUser(request: APIRequestContext, session: StoredSession, url: string) {
  const res = await request.get(url, { headers: { apikey: E2E.anonKey, authorization: `Bearer ${session.access_token}` } });
  return { status: res.status(), body: await res.text() };
}

test('the five-minute tour: sign up, insert under RLS, receive it live, upload a file; a second user sees none of it', async ({ browser, request }) => {
  // One-minute tokens: a reload then refreshes the session before it is used (supabase-js refreshes within 90 s of expiry).
  expect((await request.patch('/api/auth/settings', { headers: settingsHeaders, data: { jwt_expiry: 60 } })).status()).toBe(200);
  try {
    const failures: string[] = [];
    const alicePage = await openApp(browser, failures);

    // Error codes reach a cross-origin page: supabase-js reads `code` only when X-Supabase-Api-Version is exposed.
    await alicePage.getByTestId('tour-email').fill(`nobody-${Date.now()}@example.com`);
    await alicePage.getByTestId('tour-password').fill('not-the-password');
    await alicePage.getByTestId('tour-sign-in').click();
    await expect(alicePage.getByTestId('tour-error')).toHaveAttribute('data-code', 'invalid_credentials');

    const aliceEmail = `alice-${Date.now()}@example.com`;
    const alice = await signUp(alicePage, aliceEmail);
    await expect(alicePage.getByTestId('tour-error')).toHaveText('');
    await expect(alicePage.getByTestId('tour-message-count')).toHaveText('0');

    // The row comes back over the WebSocket: the app never adds what it sent by itself.
    await send(alicePage, 'hello from alice');
    await expect(rows(alicePage)).toHaveText(['hello from alice']);
    await expect(rows(alicePage).first()).toHaveAttribute('data-source', 'live');

    await alicePage.getByTestId('tour-file').setInputFiles({ name: 'alice.txt', mimeType: 'text/plain', buffer: Buffer.from('alice only') });
    await alicePage.getByTestId('tour-upload').click();
    const file = alicePage.getByTestId('tour-file-row');
    await expect(file).toHaveAttribute('data-name', 'alice.txt');
    await expect(file).toContainText('10 bytes');
    const signed = await request.get((await file.getByTestId('tour-file-link').getAttribute('href'))!);
    expect(await signed.text()).toBe('alice only');

    // A reload keeps the session (localStorage), refreshes the expiring token, and subscribes with it.
    const before = (await storedSession(alicePage))!;
    expect(before.user.id).toBe(alice);
    await alicePage.reload();
    await expect(alicePage.getByTestId('tour-user')).toHaveText(aliceEmail);
    await expect(alicePage.getByTestId('tour-realtime-status')).toHaveText('SUBSCRIBED');
    await expect.poll(async () => (await storedSession(alicePage))?.refresh_token).not.toBe(before.refresh_token);
    await expect(alicePage.getByTestId('tour-message-count')).toHaveText('1'); // from Content-Range, an exposed header
    await expect(rows(alicePage).first()).toHaveAttribute('data-source', 'initial');
    await send(alicePage, 'alice after reload');
    await expect(rows(alicePage)).toHaveText(['hello from alice', 'alice after reload']);
    await expect(rows(alicePage).last()).toHaveAttribute('data-source', 'live');

    // A second user starts empty: none of alice's rows or files.
    const bobPage = await openApp(browser, failures);
    await signUp(bobPage, `bob-${Date.now()}@example.com`);
    await expect(bobPage.getByTestId('tour-message-count')).toHaveText('0');
    await expect(rows(bobPage)).toHaveCount(0);
    await expect(bobPage.getByTestId('tour-file-row')).toHaveCount(0);

    // Both subscribed: alice's insert goes to alice only, bob's to bob only. Events arrive in commit order, so once
    // a user's own later row is there, the other's earlier one would have been too.
    await send(alicePage, 'alice while bob listens');
    await expect(rows(alicePage).last()).toHaveText('alice while bob listens');
    await send(bobPage, 'hello from bob');
    await expect(rows(bobPage)).toHaveText(['hello from bob']);
    await send(alicePage, 'alice once more');
    await expect(rows(alicePage)).toHaveText(['hello from alice', 'alice after reload', 'alice while bob listens', 'alice once more']);

    // The same through the API with each user's own token from localStorage.
    const aliceSession = (await storedSession(alicePage))!;
    const bobSession = (await storedSession(bobPage))!;
    const aliceFile = `/storage/v1/object/uploads/${alice}/alice.txt`;
    expect(await asUser(request, aliceSession, aliceFile)).toEqual({ status: 200, body: 'alice only' });
    const denied = await asUser(request, bobSession, aliceFile);
    expect(denied.status).toBe(400);
    expect(JSON.parse(denied.body)).toMatchObject({ statusCode: '404', error: 'not_found' });
    const bobRows = await asUser(request, bobSession, '/rest/v1/messages?select=body');
    expect(JSON.parse(bobRows.body)).toEqual([{ body: 'hello from bob' }]);

    expect(failures).toEqual([]);
  } finally {
    await request.patch('/api/auth/settings', { headers: settingsHeaders, data: { jwt_expiry: 3600 } });
  }
});
