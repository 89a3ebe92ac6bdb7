// Starts one real embedded Postgres for the whole test run, on a free port in a temporary directory.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedCluster } from '../src-server/postgres/cluster.js';
import { freePort } from '../src-server/postgres/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let cluster: EmbeddedCluster | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trestle-test-pg-'));
  cluster = new EmbeddedCluster({ dataDir: dir, port: await freePort() });
  await cluster.start();
  project.provide('pgAdminUrl', cluster.url('postgres'));
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
}
