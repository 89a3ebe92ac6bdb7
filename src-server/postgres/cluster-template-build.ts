// Build step: makes the cluster template that a first start copies (see cluster-template.ts).
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { bootstrapDatabase } from '../bootstrap/index.js';
import { ensureDatabase } from '../db/ensure-database.js';
import { binariesVersion } from './binaries.js';
import { EmbeddedCluster } from './cluster.js';
import { freePort } from './ports.js';

/**
 * Builds a template into `templateDir` (replacing it), atomically: readers see the old one, none, or the new one.
 * Besides initdb it creates the main database with Trestle's migrations applied (bootstrap was ≈ 0.7 s of a first
 * start), then removes the JWT secret so every copy generates its own.
 */
export async function buildClusterTemplate(templateDir: string, mainDatabase = 'trestle'): Promise<void> {
  const scratch = `${templateDir}.build-${process.pid}`;
  await fs.rm(scratch, { recursive: true, force: true });
  const cluster = new EmbeddedCluster({ dataDir: scratch, port: await freePort() });
  await cluster.start();
  try {
    await ensureDatabase(cluster.url('postgres'), mainDatabase);
    await bootstrapDatabase(cluster.url(mainDatabase));
    const main = new pg.Client({ connectionString: cluster.url(mainDatabase) });
    await main.connect();
    await main.query(`DELETE FROM trestle.settings WHERE key = 'jwt_secret'`).finally(() => main.end());
  } finally {
    await cluster.stop();
  }
  await fs.rm(path.join(scratch, 'logs'), { recursive: true, force: true });
  await fs.writeFile(path.join(scratch, 'READY'), JSON.stringify({ binaries: await binariesVersion(), built_at: new Date().toISOString() }));
  await fs.rm(templateDir, { recursive: true, force: true });
  await fs.rename(scratch, templateDir);
}
