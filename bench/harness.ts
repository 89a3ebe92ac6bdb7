// A headless Trestle for one benchmark: its own data dir and ports, silent logs, a pinned service key and a superuser
// client on the main database; everything stopped and removed afterwards.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src-server/config.js';
import { freePort } from '../src-server/postgres/ports.js';
import { generateSecret } from '../src-server/services/keys.js';
import { startTrestle, type RunningTrestle } from '../src-server/start.js';

export interface BenchTrestle {
  trestle: RunningTrestle;
  admin: pg.Client;
  dbUrl: string;
  serviceKey: string;
}

export async function withTrestle(name: string, fn: (b: BenchTrestle) => Promise<void>): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `trestle-bench-${name}-`));
  const serviceKey = generateSecret('service_role');
  const config = loadConfig({
    ...process.env, TRESTLE_DATA_DIR: dataDir, TRESTLE_PORT: String(await freePort()), TRESTLE_PG_PORT: String(await freePort()),
    TRESTLE_LOG: 'silent', TRESTLE_SERVICE_KEY: serviceKey, TRESTLE_ANON_KEY: generateSecret('anon'), DATABASE_URL: '',
  });
  const trestle = await startTrestle(config);
  const dbUrl = trestle.ctx.postgres.url(trestle.ctx.databases.mainName);
  const admin = new pg.Client({ connectionString: dbUrl });
  await admin.connect();
  try {
    await fn({ trestle, admin, dbUrl, serviceKey });
  } finally {
    await admin.end();
    await trestle.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs a benchmark's main, exiting non-zero when it fails. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
