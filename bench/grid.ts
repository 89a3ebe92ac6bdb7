// bench/grid: with a 1,000,000-row table, the time in Chromium from opening the table in the table editor to its
// first rows painted, and from "Last page" to the last rows painted (median of 5 each). Goals: < 300 ms, < 100 ms.
// Then, with that table open in one tab, the time from running ALTER TABLE … ADD COLUMN in the SQL console of a
// second tab to the new column's header appearing in the open grid (pushed by /api/events). Goal: < 500 ms.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { freePort } from '../src-server/postgres/ports.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TOKEN = 'bench-dashboard-token-0123456789abcdef';
const SERVICE_KEY = 'truss_sk_benchServiceKey0123456789abcdefghijklmno';
const TABLE = 'bench_grid_million';

/**
 * Time measured inside the page, from the click event to the frame after the expected row is in the DOM,
 * so Playwright's own round trips are not counted.
 */
async function clickToPaint(page: Page, click: () => Promise<void>, selector: string, text: string): Promise<number> {
  // A string, not a function: tsx's transform would add helpers the page does not have.
  await page.evaluate(`(() => {
    const sel = ${JSON.stringify(selector)}, txt = ${JSON.stringify(text)};
    window.__paint = new Promise((resolve) => {
      let start = 0;
      const observer = new MutationObserver(() => {
        if (start && [...document.querySelectorAll(sel)].some((el) => (el.textContent || '').includes(txt))) {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        }
      });
      document.addEventListener('click', () => {
        start = performance.now();
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }, { capture: true, once: true });
    });
  })()`);
  await click();
  return page.evaluate('window.__paint') as Promise<number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const port = await freePort();
const pgPort = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trestle-bench-grid-'));
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.resolve('out/main/cli.js')], {
  env: { ...process.env, TRESTLE_DATA_DIR: dataDir, TRESTLE_PORT: String(port), TRESTLE_PG_PORT: String(pgPort), TRESTLE_DASHBOARD_TOKEN: TOKEN, TRESTLE_SERVICE_KEY: SERVICE_KEY, TRESTLE_LOG_LEVEL: 'warn' },
  stdio: 'ignore',
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const t = performance.now();
  const seed = await fetch(`${base}/api/sql/query`, {
    method: 'POST', headers: { apikey: SERVICE_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ timeout: 60_000, sql: `create table public.${TABLE} (id bigint primary key, label text, n integer, created_at timestamptz default now());
      insert into public.${TABLE} (id, label, n) select g, 'row ' || g, g % 1000 from generate_series(1, 1000000) g; analyze public.${TABLE}` }),
  });
  if (!seed.ok) throw new Error(`seeding failed: ${await seed.text()}`);
  console.log(`seeded 1,000,000 rows in ${Math.round(performance.now() - t)} ms`);

  // The API alone, for reference: the same two reads the grid makes (count estimated).
  const api = async (qs: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/sql/table-browser?schema=public&table=${TABLE}&limit=100&count=estimated${qs}`, { headers: { apikey: SERVICE_KEY } });
    if (!res.ok) throw new Error(await res.text());
    await res.json();
    return performance.now() - t0;
  };
  const apiFirst: number[] = [];
  const apiLast: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    apiFirst.push(await api(''));
    apiLast.push(await api('&last=true'));
  }
  console.log(`API /api/sql/table-browser: first page median ${Math.round(median(apiFirst))} ms, last page median ${Math.round(median(apiLast))} ms`);

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/auth/launch?token=${TOKEN}`);
  await page.waitForSelector('[data-testid="sidebar"]');
  const open: number[] = [];
  const last: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${base}/tables`);
    const item = page.locator(`[data-testid="table-item"][data-table="${TABLE}"]`);
    await item.waitFor();
    open.push(await clickToPaint(page, () => item.click(), '[data-testid="grid-row"][data-index="0"]', 'row 1'));
    last.push(await clickToPaint(page, () => page.getByTestId('page-last').click(), '[data-testid="grid-row"]', 'row 1000000'));
  }
  const fmt = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');
  console.log(`open table → first rows painted: median ${Math.round(median(open))} ms (runs: ${fmt(open)}; goal < 300 ms)`);
  console.log(`jump to last page → rows painted: median ${Math.round(median(last))} ms (runs: ${fmt(last)}; goal < 100 ms)`);

  // DDL in the console (tab B) → the new column in the open grid (tab A). Both read the browser's one Date.now().
  const grid = page;
  await grid.goto(`${base}/tables/public/${TABLE}`);
  await grid.waitForSelector('[data-testid="grid-row"][data-index="0"]', { state: 'attached' });
  const consolePage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await consolePage.goto(`${base}/auth/launch?token=${TOKEN}`);
  await consolePage.waitForSelector('[data-testid="sidebar"]');
  await consolePage.goto(`${base}/sql`);
  await consolePage.waitForSelector('.monaco-editor', { timeout: 60_000 });
  const ddl: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const column = `bench_col_${run}`;
    await grid.evaluate(`(() => {
      window.__seen = new Promise((resolve) => {
        const sel = '[data-testid="column-header"][data-column="${column}"]';
        const observer = new MutationObserver(() => {
          if (document.querySelector(sel)) { observer.disconnect(); resolve(Date.now()); }
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    })()`);
    await consolePage.locator('.monaco-editor').click();
    await consolePage.keyboard.press('Control+A');
    await consolePage.keyboard.insertText(`alter table public.${TABLE} add column ${column} text`);
    await consolePage.evaluate(`document.addEventListener('click', () => { window.__clicked = Date.now(); }, { capture: true, once: true })`);
    await consolePage.getByTestId('sql-run').click();
    const seen = (await grid.evaluate('window.__seen')) as number;
    ddl.push(seen - ((await consolePage.evaluate('window.__clicked')) as number));
  }
  console.log(`DDL in the console → new column in the open grid: median ${Math.round(median(ddl))} ms (runs: ${fmt(ddl)}; goal < 500 ms)`);
  await consolePage.close();

  if (process.env.SCREENSHOTS !== '0') {
    fs.mkdirSync('docs/screenshots', { recursive: true });
    await page.goto(`${base}/tables`);
    await page.locator(`[data-testid="table-item"][data-table="${TABLE}"]`).click();
    await page.waitForSelector('[data-testid="grid-row"][data-index="0"]', { state: 'attached' });
    await page.screenshot({ path: 'docs/screenshots/table-editor.png' });
    await page.goto(`${base}/keys`);
    await page.waitForSelector('[data-testid="key-row"]');
    await page.screenshot({ path: 'docs/screenshots/api-keys.png' });
    await page.goto(`${base}/sql`);
    await page.waitForSelector('.monaco-editor', { timeout: 60_000 });
    await page.locator('.monaco-editor').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(`select id, label, n from public.${TABLE} where n = 7 order by id limit 20;\nselect n, count(*) from public.${TABLE} group by n order by 2 desc limit 5;`);
    await page.getByTestId('sql-run').click();
    await page.waitForSelector('[data-testid="result-set"] >> nth=1', { timeout: 60_000 });
    await page.screenshot({ path: 'docs/screenshots/sql-console.png' });
    await page.getByTestId('sql-explain-analyze').click();
    await page.waitForSelector('[data-testid="plan-tree"]', { timeout: 60_000 });
    await page.screenshot({ path: 'docs/screenshots/sql-explain.png' });

    // The pages of the dashboard's second round, on a small blog schema.
    const runSql = async (sql: string) => {
      const res = await fetch(`${base}/api/sql/query`, { method: 'POST', headers: { apikey: SERVICE_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ sql, timeout: 60_000 }) });
      if (!res.ok) throw new Error(await res.text());
    };
    await runSql(`create table public.authors (id bigint generated by default as identity primary key, name text not null, user_id uuid);
      create table public.posts (id bigint generated by default as identity primary key, author_id bigint references public.authors(id), title text not null, body text, published boolean default false, user_id uuid);
      create table public.comments (id bigint generated by default as identity primary key, post_id bigint references public.posts(id) on delete cascade, author_id bigint references public.authors(id), body text);
      alter table public.posts enable row level security;
      create policy "Public read" on public.posts for select to anon, authenticated using (published);
      insert into public.authors (name) values ('Ada'), ('Grace');
      insert into public.posts (author_id, title, published) values (1, 'Notes on the engine', true), (2, 'Debugging', false)`);
    await page.goto(`${base}/tables/public/posts`);
    await page.getByTestId('structure-open').click();
    await page.getByTestId('definition-tab-rls').click();
    await page.getByTestId('policy-new').click();
    await page.getByTestId('policy-template').selectOption('own_rows');
    await page.screenshot({ path: 'docs/screenshots/table-definition-rls.png' });
    await page.goto(`${base}/diagram`);
    await page.waitForSelector('[data-testid="diagram-table"][data-table="comments"]');
    await page.screenshot({ path: 'docs/screenshots/schema-diagram.png' });
    await fetch(`${base}/v1/db/posts?select=title`, { headers: { apikey: SERVICE_KEY } });
    await fetch(`${base}/v1/db/no_such_table`, { headers: { apikey: SERVICE_KEY } });
    await page.goto(`${base}/logs`);
    await page.waitForSelector('[data-testid="request-log-row"]');
    await page.screenshot({ path: 'docs/screenshots/logs-requests.png' });
    await runSql('select pg_sleep(1.1)');
    await fetch(`${base}/api/sql/query`, { method: 'POST', headers: { apikey: SERVICE_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'select * from no_such_table' }) });
    await page.goto(`${base}/logs/postgres`);
    await page.waitForSelector('[data-testid="pg-log-entry"][data-kind="slow"]');
    await page.screenshot({ path: 'docs/screenshots/logs-postgres.png' });
    await page.evaluate("localStorage.setItem('trestle.theme', 'light')");
    await page.goto(`${base}/tables/public/posts`);
    await page.waitForSelector('[data-testid="grid-row"][data-index="0"]', { state: 'attached' });
    await page.locator('[data-testid="grid-cell"][data-column="title"]').first().click();
    await page.keyboard.press('Shift+ArrowRight');
    await page.screenshot({ path: 'docs/screenshots/table-editor-light.png' });
    await page.goto(`${base}/sql`);
    await page.waitForSelector('.monaco-editor', { timeout: 60_000 });
    await page.getByTestId('sql-tab-add').click();
    await page.locator('.monaco-editor').click();
    await page.keyboard.insertText('select p.title, a.name from public.posts p left join public.authors a on a.id = p.author_id');
    await page.getByTestId('sql-format').click();
    await page.getByTestId('sql-run').click();
    await page.waitForSelector('[data-testid="result-set"]');
    await page.screenshot({ path: 'docs/screenshots/sql-console-tabs.png' });
    console.log('screenshots written to docs/screenshots/');
  }
} finally {
  await browser.close();
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
