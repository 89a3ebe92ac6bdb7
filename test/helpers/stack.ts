// Starts a whole Trestle (its own embedded cluster) in a temporary data directory on free ports.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type TrestleConfig } from '../../src-server/config.js';
import { freePort } from '../../src-server/postgres/ports.js';
import { startTrestle, type RunningTrestle } from '../../src-server/start.js';

export async function tempDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'trestle-stack-'));
}

export async function stackConfig(dataDir: string, overrides: Partial<TrestleConfig> = {}): Promise<TrestleConfig> {
  return loadConfig({}, { dataDir, port: await freePort(), pgPort: await freePort(), logTarget: 'silent', ...overrides });
}

export async function startStack(dataDir: string, overrides: Partial<TrestleConfig> = {}): Promise<RunningTrestle> {
  return startTrestle(await stackConfig(dataDir, overrides));
}
