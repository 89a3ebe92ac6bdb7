// The migrations folder against a database's history: each version is applied (same checksum), changed (the file
// was edited after it was applied), pending (not applied yet) or missing (applied, but no file has it).
import fs from 'node:fs/promises';
import path from 'node:path';
import { migrationErrors } from './errors.js';
import { sha256, type AppliedMigration } from './history.js';
import type { FolderEntry, MigrationStatus } from './shapes.js';

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export type { FolderEntry, MigrationStatus };

/** The Supabase CLI's file name: digits, an underscore, a name. */
const FILE = /^(\d+)_(.+)\.sql$/;

export const byVersion = (a: { version: string }, b: { version: string }) =>
  a.version.length - b.version.length || (a.version < b.version ? -1 : a.version > b.version ? 1 : 0);

export async function readFolder(dir: string): Promise<{ files: MigrationFile[]; ignored: string[] }> {
  const names = await fs.readdir(dir).catch((err: NodeJS.ErrnoException) => {
    throw migrationErrors.folderUnreadable(dir, err.code === 'ENOENT' ? 'it does not exist' : err.message);
  });
  const files: MigrationFile[] = [];
  const ignored: string[] = [];
  for (const file of names.sort()) {
    const m = FILE.exec(file);
    if (!m) {
      if (file.endsWith('.sql')) ignored.push(file);
      continue;
    }
    const sql = await fs.readFile(path.join(dir, file), 'utf8');
    files.push({ version: m[1], name: m[2], file, sql, checksum: sha256(sql) });
  }
  return { files: files.sort(byVersion), ignored };
}

export function folderStatus(files: MigrationFile[], history: AppliedMigration[]): FolderEntry[] {
  const applied = new Map(history.map((h) => [h.version, h]));
  const entries: FolderEntry[] = files.map((f) => {
    const h = applied.get(f.version);
    const status: MigrationStatus = !h ? 'pending' : h.checksum === null || h.checksum === f.checksum ? 'applied' : 'changed';
    return {
      version: f.version, name: f.name, status, file: f.file, checksum: f.checksum,
      applied_checksum: h?.checksum ?? null, applied_at: h?.applied_at ?? null, applied_by: h?.applied_by ?? null,
    };
  });
  const inFolder = new Set(files.map((f) => f.version));
  for (const h of history) {
    if (inFolder.has(h.version)) continue;
    entries.push({ version: h.version, name: h.name, status: 'missing', file: null, checksum: null, applied_checksum: h.checksum,
      applied_at: h.applied_at, applied_by: h.applied_by });
  }
  return entries.sort(byVersion);
}

/** A file name for a new migration: `<version>_<name>.sql` with the name reduced to letters, digits and underscores. */
export function migrationFileName(version: string, name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'migration';
  return `${version}_${slug}.sql`;
}
