// Where generated types go in the developer's repo (e.g. src/types/supabase.ts), for which schemas, and whether
// they are rewritten whenever the schema changes.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../errors.js';
import type { SettingsService } from '../services/settings.js';
import { DEFAULT_TYPE_SCHEMAS, parseSchemas } from './generate.js';
import type { TypesSettings } from './shapes.js';

export type { TypesSettings };

const KEY = 'types.settings';

export async function readTypesSettings(settings: SettingsService): Promise<TypesSettings> {
  return { file: null, schemas: DEFAULT_TYPE_SCHEMAS, write_on_change: false, ...(await settings.get<Partial<TypesSettings>>(KEY)) };
}

async function checkFile(file: string): Promise<string> {
  if (!path.isAbsolute(file)) throw new ApiError(400, 'INVALID_PATH', 'file must be an absolute path', { hint: 'e.g. /home/me/app/src/types/supabase.ts' });
  const resolved = path.resolve(file);
  const dir = await fs.stat(path.dirname(resolved)).catch(() => null);
  if (!dir?.isDirectory()) throw new ApiError(400, 'INVALID_PATH', `The folder ${path.dirname(resolved)} does not exist`);
  const existing = await fs.stat(resolved).catch(() => null);
  if (existing && !existing.isFile()) throw new ApiError(400, 'INVALID_PATH', `${resolved} is not a file`);
  return resolved;
}

export async function updateTypesSettings(settings: SettingsService, patch: Partial<TypesSettings>): Promise<TypesSettings> {
  const next = await readTypesSettings(settings);
  if (patch.file !== undefined) next.file = patch.file ? await checkFile(patch.file) : null;
  if (patch.schemas !== undefined) next.schemas = parseSchemas(patch.schemas);
  if (patch.write_on_change !== undefined) next.write_on_change = patch.write_on_change;
  if (next.write_on_change && !next.file) {
    throw new ApiError(400, 'VALIDATION_ERROR', 'Set file to write the types to before turning on write_on_change');
  }
  await settings.set(KEY, next);
  return next;
}
