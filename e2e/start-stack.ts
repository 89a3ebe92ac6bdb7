// Runs the built headless stack for Playwright in this process, in a fresh temporary data directory removed
// when the process exits. Playwright stops it with SIGTERM to the process group (webServer.gracefulShutdown):
// the stack stops Postgres, exits, and the directory goes. A run killed outright (SIGKILL) cannot clean up after
// itself: the next run removes such directories once their owner is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLockOwner, ownerRunning } from '../src-server/instance-lock.js';
import { E2E } from './env.js';

const PREFIX = 'trestle-e2e-';
const LOCKLESS_GRACE_MS = 60_000; // a directory is briefly lock-less between mkdtemp and the lock being taken

async function removeLeftovers(): Promise<void> {
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    const owner = await readLockOwner(dir);
    const abandoned = owner ? !(await ownerRunning(owner)) : Date.now() - fs.statSync(dir).mtimeMs > LOCKLESS_GRACE_MS;
    if (abandoned) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await removeLeftovers();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
Object.assign(process.env, {
  TRESTLE_DATA_DIR: dataDir,
  TRESTLE_PORT: String(E2E.port),
  TRESTLE_PG_PORT: String(E2E.pgPort),
  TRESTLE_DASHBOARD_TOKEN: E2E.dashboardToken,
  TRESTLE_ANON_KEY: E2E.anonKey,
  TRESTLE_SERVICE_KEY: E2E.serviceKey,
  TRESTLE_LOG_LEVEL: process.env.TRESTLE_LOG_LEVEL ?? 'warn',
});
// @ts-expect-error the built bundle has no type declarations
await import('../out/main/cli.js');
