// Reads the catalogs a branch diff compares, with the scope it uses: everything the dump covers except the
// migration history, which each database keeps for itself.
import type { Scope } from '../../backups/dump/catalog.js';
import type { Catalog } from '../../backups/dump/model.js';
import { inSnapshot, readCatalog } from '../../backups/dump/read.js';
import type { Database } from '../../db/database.js';
import { HISTORY_SCHEMA } from '../history.js';

export function diffScope(includedSchemas: string[] | null = null): Scope {
  return { exclude: [HISTORY_SCHEMA], include: includedSchemas };
}

export function readForDiff(db: Database, scope: Scope): Promise<Catalog> {
  return db.withClient((c) => inSnapshot(c, () => readCatalog(c, scope)));
}
