// Starts the built headless stack for Playwright in a fresh temporary data directory and removes it on exit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.env.E2E_PORT ?? '18931';
const pgPort = process.env.E2E_PG_PORT ?? '18932';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trestle-e2e-'));
const child = spawn(process.execPath, ['out/main/cli.js'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TRESTLE_DATA_DIR: dataDir,
    TRESTLE_PORT: port,
    TRESTLE_PG_PORT: pgPort,
    TRESTLE_DASHBOARD_TOKEN: 'e2e-dashboard-token-0123456789abcdef',
    TRESTLE_ANON_KEY: 'truss_pk_e2eAnonKey0123456789abcdefghijklmnopqrstuv',
    TRESTLE_SERVICE_KEY: 'truss_sk_e2eServiceKey0123456789abcdefghijklmnopqr',
    TRESTLE_LOG_LEVEL: process.env.TRESTLE_LOG_LEVEL ?? 'warn',
  },
});
const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill('SIGTERM'));
child.on('exit', (code) => {
  cleanup();
  process.exit(code ?? 0);
});
