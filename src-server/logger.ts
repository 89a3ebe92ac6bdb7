// pino to stdout (headless), to <dataDir>/logs/trestle.log (desktop), or nowhere (tests).
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { TrestleConfig } from './config.js';
import { REDACTED_LOG_PATHS } from './security/redact.js';

export function createLogger(config: Pick<TrestleConfig, 'logTarget' | 'logLevel' | 'dataDir'>): Logger {
  const base = {
    level: config.logTarget === 'silent' ? 'silent' : config.logLevel, base: { app: 'trestle' },
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
  };
  if (config.logTarget === 'file') {
    const dir = path.join(config.dataDir, 'logs');
    const file = path.join(dir, 'trestle.log');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Files from older versions may have been created with the umask's permissions.
    fs.chmodSync(dir, 0o700);
    if (fs.existsSync(file)) fs.chmodSync(file, 0o600);
    return pino(base, pino.destination({ dest: file, sync: false, mode: 0o600 }));
  }
  return pino(base);
}
