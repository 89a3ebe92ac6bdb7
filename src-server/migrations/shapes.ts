// The migrations area's wire shapes, as plain types with no imports: the server builds them and the dashboard
// reads them (src-renderer/data/migrations/types.ts re-exports this file).
export interface AppliedMigration {
  version: string;
  name: string;
  checksum: string | null;
  applied_by: string | null;
  applied_at: string | null;
}

export type MigrationStatus = 'applied' | 'changed' | 'pending' | 'missing';

export interface FolderEntry {
  version: string;
  name: string;
  status: MigrationStatus;
  file: string | null;
  checksum: string | null;
  applied_checksum: string | null;
  applied_at: string | null;
  applied_by: string | null;
}

export interface MigrationSettings {
  migrations_dir: string | null;
  seed_file: string | null;
}

export interface MigrationsOverview {
  database: string;
  settings: MigrationSettings & { seed_path: string | null };
  applied: AppliedMigration[];
  /** The folder against the history; null without a folder. */
  folder: { path: string; entries: FolderEntry[]; ignored: string[]; counts: Record<MigrationStatus, number>; error: string | null } | null;
}

export interface DiffStatementBody {
  sql: string;
  /** The catalog item the statement creates, changes or drops (its key). */
  object: string;
  kind: string;
  action: 'create' | 'alter' | 'drop';
  /** Why the statement can lose data (dropping a table or column, changing a column's type), or null. */
  destructive: string | null;
}

export interface BranchDiffBody {
  sql: string;
  statements: DiffStatementBody[];
  checksum: string;
  destructive: DiffStatementBody[];
  warnings: string[];
  branch: { id: string; label: string; database_name: string };
  main_database: string;
}

export interface PromoteResultBody {
  migration: AppliedMigration;
  applied: boolean;
  statements: number;
  remaining: number;
  file: string | null;
  file_error: string | null;
  warnings: string[];
}

export interface SeedResult {
  file: string;
  statements: number;
  duration_ms: number;
  branch_id: string;
  database_name: string;
}
