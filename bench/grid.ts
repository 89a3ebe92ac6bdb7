// bench/grid: with a 1,000,000-row table, the time in Chromium from opening the table in the table editor to its
// first rows painted, and from "Last page" to the last rows painted (median of 5 each). Goals: < 300 ms, < 100 ms.
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
    console.log('screenshots written to docs/screenshots/');
  }
} finally {
  await browser.close();
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
