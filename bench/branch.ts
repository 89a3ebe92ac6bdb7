// Benchmark: time to create a branch (CREATE DATABASE … TEMPLATE) with each copy method, and snapshot + restore,
// for databases of about 10 MB, 100 MB and 1 GB on a throwaway embedded cluster. Run: npx tsx bench/branch.ts
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedCluster } from '../src-server/postgres/cluster.js';
import { freePort } from '../src-server/postgres/ports.js';
import { quoteIdent } from '../src-server/db/quote.js';
import { CopyMethodChooser, FILE_COPY_MIN_BYTES, type CopyMethod } from '../src-server/branches/copy-method.js';

const MB = 1024 * 1024;
const SIZES = (process.env.BENCH_SIZES ?? '10,100,1024').split(',').map(Number);
const RUNS = 3;
const METHODS: CopyMethod[] = ['wal_log', 'file_copy', 'file_copy_clone'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function size(admin: pg.Client, db: string): Promise<number> {
  const { rows } = await admin.query('SELECT pg_database_size($1)::bigint AS s', [db]);
  return Number(rows[0].s);
}

/** Fills a database with rows of ~250 bytes until it reaches about targetMb. */
async function build(cluster: EmbeddedCluster, admin: pg.Client, db: string, targetMb: number): Promise<number> {
  await admin.query(`CREATE DATABASE ${quoteIdent(db)}`);
  const c = new pg.Client({ connectionString: cluster.url(db) });
  await c.connect();
  await c.query('CREATE TABLE filler (id bigint PRIMARY KEY, body text)');
  let next = 1;
  for (;;) {
    const current = await size(admin, db);
    const missing = targetMb * MB - current;
    if (missing < MB) break;
    const rows = Math.max(2_000, Math.floor(missing / 330));
    await c.query(`INSERT INTO filler SELECT g, repeat(md5(g::text), 7) FROM generate_series($1::bigint, $2::bigint) g`, [next, next + rows - 1]);
    next += rows;
    await c.query('CHECKPOINT');
  }
  await c.end();
  return size(admin, db);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-bench-branch-'));
  const cluster = new EmbeddedCluster({ dataDir: dir, port: await freePort() });
  await cluster.start();
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  const chooser = new CopyMethodChooser();
  const table: string[][] = [];
  const startedAt = performance.now();
  try {
    for (const mb of SIZES) {
      const source = `bench_${mb}mb`;
      const actual = await build(cluster, admin, source, mb);
      const row = [`${mb} MB (${(actual / MB).toFixed(0)} MB)`];
      const medians: Partial<Record<CopyMethod, number>> = {};
      for (const method of METHODS) {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const target = `${source}_copy`;
          let used: CopyMethod = method;
          times.push(await timed(async () => (used = await chooser.create(admin, target, source, method))));
          await admin.query(`DROP DATABASE ${quoteIdent(target)}`);
          if (used !== method) row.push(`(${method} fell back to ${used})`);
        }
        medians[method] = median(times);
        row.push(seconds(median(times)));
      }
      const auto = await chooser.choose(admin, actual);
      const snapshot = `${source}_backup`;
      const snap = await timed(async () => {
        await chooser.create(admin, snapshot, source, auto);
        await admin.query(`ALTER DATABASE ${quoteIdent(snapshot)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
      });
      // Restore over the source: rename it away, create it again from the snapshot.
      const restore = await timed(async () => {
        await admin.query(`ALTER DATABASE ${quoteIdent(source)} RENAME TO ${quoteIdent(`${source}_old`)}`);
        await chooser.create(admin, source, snapshot, auto);
      });
      row.push(auto, seconds(snap), seconds(restore));
      table.push(row);
      for (const db of [`${source}_old`, source]) await admin.query(`DROP DATABASE ${quoteIdent(db)}`);
      await admin.query(`ALTER DATABASE ${quoteIdent(snapshot)} WITH IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE ${quoteIdent(snapshot)}`);
    }
  } finally {
    await admin.end();
    await cluster.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
  const header = ['size (actual)', ...METHODS.map((m) => `${m} s`), 'auto method', 'snapshot s', 'restore s'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`CREATE DATABASE … TEMPLATE, median of ${RUNS} runs; FILE_COPY_MIN_BYTES = ${FILE_COPY_MIN_BYTES} bytes`);
  console.log(line(header));
  for (const r of table) console.log(line(r));
  console.log(`total ${seconds(performance.now() - startedAt)} s`);
}

await main();
