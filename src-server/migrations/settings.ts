// Where the developer's migrations live: a folder of <version>_<name>.sql files (the Supabase CLI's
// supabase/migrations), and the seed file (by default seed.sql next to that folder, as the CLI has it).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SettingsService } from '../services/settings.js';
import { migrationErrors } from './errors.js';
import type { MigrationSettings } from './shapes.js';

export type { MigrationSettings };

const KEY = 'migrations.settings';
const EMPTY: MigrationSettings = { migrations_dir: null, seed_file: null };

export async function readMigrationSettings(settings: SettingsService): Promise<MigrationSettings> {
  return { ...EMPTY, ...(await settings.get<Partial<MigrationSettings>>(KEY)) };
}

/** An absolute path that exists and is of the expected kind (a folder for migrations; a seed file may not exist yet). */
async function checkPath(field: string, value: string, kind: 'directory' | 'file'): Promise<string> {
  if (!path.isAbsolute(value)) throw migrationErrors.pathInvalid(field, 'must be an absolute path');
  const resolved = path.resolve(value);
  const stat = await fs.stat(resolved).catch(() => null);
  if (kind === 'directory' && !stat?.isDirectory()) throw migrationErrors.pathInvalid(field, `${resolved} is not a folder`);
  if (kind === 'file' && stat && !stat.isFile()) throw migrationErrors.pathInvalid(field, `${resolved} is not a file`);
  return resolved;
}

export async function updateMigrationSettings(settings: SettingsService, patch: Partial<MigrationSettings>): Promise<MigrationSettings> {
  const next = await readMigrationSettings(settings);
  if (patch.migrations_dir !== undefined) next.migrations_dir = patch.migrations_dir ? await checkPath('migrations_dir', patch.migrations_dir, 'directory') : null;
  if (patch.seed_file !== undefined) next.seed_file = patch.seed_file ? await checkPath('seed_file', patch.seed_file, 'file') : null;
  await settings.set(KEY, next);
  return next;
}

/** The seed file in use: the one set, else seed.sql beside the migrations folder; null when neither is known. */
export function seedFileOf(s: MigrationSettings): string | null {
  return s.seed_file ?? (s.migrations_dir ? path.join(path.dirname(s.migrations_dir), 'seed.sql') : null);
}
