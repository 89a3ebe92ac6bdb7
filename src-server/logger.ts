// pino to stdout (headless), to <dataDir>/logs/trestle.log (desktop), or nowhere (tests).
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { TrestleConfig } from './config.js';

export function createLogger(config: Pick<TrestleConfig, 'logTarget' | 'logLevel' | 'dataDir'>): Logger {
  const base = { level: config.logTarget === 'silent' ? 'silent' : config.logLevel, base: { app: 'trestle' } };
  if (config.logTarget === 'file') {
    return pino(base, pino.destination({ dest: path.join(config.dataDir, 'logs', 'trestle.log'), mkdir: true, sync: false }));
  }
  return pino(base);
}
