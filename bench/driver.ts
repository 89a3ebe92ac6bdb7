// bench/driver: the data API's database round trip alone (no HTTP), driver against driver, to choose the data path's
// client with numbers. Each request is what /v1/db sends for GET by primary key: RESET ALL, the role and claims
// set-up, the statement, in one transaction, as the authenticator login. 32 concurrent callers, 10 connections,
// alternating slices (BENCH_SECONDS per contender, default 9), over the embedded cluster's Unix-domain socket
// (BENCH_TCP=1: TCP). CPU is the main thread's (user + system) per request.
// Run: npm run bench -- driver
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import postgres from 'postgres';
import { loadConfig } from '../src-server/config.js';
import { authenticatorUrl } from '../src-server/db/authenticator.js';
import { freePort } from '../src-server/postgres/ports.js';
import { runPipeline } from '../src-server/rest/pipeline.js';
import { generateSecret } from '../src-server/services/keys.js';
import { startTrestle } from '../src-server/start.js';
import { runBench } from './harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 9);
const ROUNDS = 3;
const CONCURRENCY = 32;
const POOL = 10;
const ROWS = 100_000;

const RESET = 'RESET ALL';
const SETUP = "SELECT set_config('role', 'service_role', true), set_config('request.jwt.claims', '{\"role\":\"service_role\"}', true), "
  + "set_config('request.jwt.sub', '', true), set_config('statement_timeout', '0', true), set_config('transaction_read_only', 'on', true)";
/** Session-level variant for drivers that cannot put several statements in one transaction without BEGIN/COMMIT. */
const SETUP_SESSION = SETUP.replaceAll(', true)', ', false)').replace("'transaction_read_only'", "'default_transaction_read_only'");
const MAIN = 'WITH pgrst_source AS (SELECT "_t0".* FROM "public"."items" AS "_t0" WHERE "_t0"."id" = $1::int4 LIMIT $2) '
  + "SELECT NULL::bigint AS total, count(*) AS page_total, coalesce(json_agg(_s), '[]')::text AS body FROM pgrst_source AS _s";

interface Contender {
  name: string;
  what: string;
  /** One request; resolves with the response body. */
  request(id: number): Promise<string>;
  close(): Promise<void>;
}

function mainThreadCpuMs(): number {
  const fields = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function slice(c: Contender, seconds: number): Promise<{ count: number; cpuMs: number }> {
  let count = 0;
  const end = Date.now() + seconds * 1000;
  const cpu0 = mainThreadCpuMs();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) {
      const body = await c.request(1 + Math.floor(Math.random() * ROWS));
      if (!body.startsWith('[{')) throw new Error(`${c.name}: unexpected body ${body.slice(0, 80)}`);
      count++;
    }
  }));
  return { count, cpuMs: mainThreadCpuMs() - cpu0 };
}

function nodePostgres(url: string, ownerUrl: string): Contender[] {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  const plain = new pg.Pool({ connectionString: ownerUrl, max: POOL });
  return [
    {
      name: 'pg + pipeline.ts', what: 'node-postgres pool, RESET + set-up + statement in one write and one Sync (what Trestle runs)',
      async request(id) {
        const client = await pool.connect();
        try {
          const rows = await runPipeline(client, [{ text: RESET, prepare: true }, { text: SETUP, prepare: true }, { text: MAIN, values: [id, 1000], rows: true, prepare: true }]);
          return rows[2]![0][2]!;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    },
    {
      name: 'pg, statement only', what: 'floor: node-postgres pool.query of the statement alone (named prepared) as the owner, no set-up',
      async request(id) {
        return (await plain.query<{ body: string }>({ name: 'main', text: MAIN, values: [id, 1000] })).rows[0].body;
      },
      close: () => plain.end(),
    },
  ];
}

function postgresJsOptions(url: string) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname), port: Number(u.port), database: u.pathname.slice(1),
    username: decodeURIComponent(u.username), password: decodeURIComponent(u.password), max: POOL, prepare: true,
  };
}

function postgresJs(url: string, ownerUrl: string): Contender[] {
  const tx = postgres(postgresJsOptions(url));
  const reserved = postgres(postgresJsOptions(url));
  const plain = postgres(postgresJsOptions(ownerUrl));
  return [
    {
      name: 'postgres.js begin', what: 'postgres.js sql.begin with the three statements pipelined (BEGIN, then the batch, then COMMIT: 3 round trips)',
      async request(id) {
        const [, , rows] = await tx.begin((sql) => [sql.unsafe(RESET), sql.unsafe(SETUP), sql.unsafe(MAIN, [id, 1000], { prepare: true })]) as unknown as [unknown, unknown, Array<{ body: string }>];
        return rows[0].body;
      },
      close: () => tx.end(),
    },
    {
      name: 'postgres.js pipelined', what: 'postgres.js reserved connection, three statements pipelined, each its own transaction (session-level set-up)',
      async request(id) {
        const sql = await reserved.reserve();
        try {
          const [, , rows] = await Promise.all([sql.unsafe(RESET), sql.unsafe(SETUP_SESSION), sql.unsafe(MAIN, [id, 1000], { prepare: true })]);
          return (rows as unknown as Array<{ body: string }>)[0].body;
        } finally {
          sql.release();
        }
      },
      close: () => reserved.end(),
    },
    {
      name: 'postgres.js, statement only', what: 'floor: postgres.js query of the statement alone (prepared) as the owner, no set-up',
      async request(id) {
        return (await plain.unsafe<Array<{ body: string }>>(MAIN, [id, 1000], { prepare: true }))[0].body;
      },
      close: () => plain.end(),
    },
  ];
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-bench-driver-'));
  const config = loadConfig({
    ...process.env, TRESTLE_DATA_DIR: dataDir, TRESTLE_PORT: String(await freePort()), TRESTLE_PG_PORT: String(await freePort()),
    TRESTLE_LOG: 'silent', TRESTLE_SERVICE_KEY: generateSecret('service_role'), TRESTLE_ANON_KEY: generateSecret('anon'), DATABASE_URL: '',
  });
  const trestle = await startTrestle(config);
  const main = trestle.ctx.databases.mainName;
  const ownerUrl = process.env.BENCH_TCP ? trestle.ctx.postgres.url(main) : trestle.ctx.postgres.localUrl(main);
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  const contenders = [...nodePostgres(authenticatorUrl(ownerUrl), ownerUrl), ...postgresJs(authenticatorUrl(ownerUrl), ownerUrl)];
  try {
    await admin.query(`
      CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, category_id int, price numeric(10,2), created_at timestamptz DEFAULT now());
      INSERT INTO items (name, category_id, price) SELECT 'item ' || g, 1 + g % 100, (g % 1000) / 10.0 FROM generate_series(1, ${ROWS}) g;
      GRANT SELECT ON items TO service_role; ANALYZE items;`);
    console.log(`bench/driver: ${CONCURRENCY} callers, ${POOL} connections, ${SECONDS} s per contender (${ROUNDS} alternating slices), `
      + `${process.env.BENCH_TCP ? 'TCP' : 'Unix-domain socket'}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    for (const c of contenders) await slice(c, 2); // warm-up: connections, prepared statements, JIT
    const totals = new Map(contenders.map((c) => [c.name, { count: 0, cpuMs: 0, load: 0 }]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of contenders) {
        const t = totals.get(c.name)!;
        t.load += os.loadavg()[0] / ROUNDS;
        const s = await slice(c, SECONDS / ROUNDS);
        t.count += s.count;
        t.cpuMs += s.cpuMs;
      }
    }
    for (const c of contenders) {
      const t = totals.get(c.name)!;
      console.log(`  ${c.name.padEnd(30)} ${(t.count / SECONDS).toFixed(0).padStart(6)} req/s  CPU ${(1000 * t.cpuMs / t.count).toFixed(1).padStart(5)} µs/req  load ${t.load.toFixed(1)}  — ${c.what}`);
    }
  } finally {
    for (const c of contenders) await c.close();
    await admin.end();
    await trestle.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
