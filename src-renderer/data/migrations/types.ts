// Shapes of /api/migrations and /api/branches/:id/diff|promote|seed (src-server/routes/migrations/schemas.ts).
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
  seed_path: string | null;
}

export interface MigrationsOverview {
  database: string;
  settings: MigrationSettings;
  applied: AppliedMigration[];
  folder: { path: string; entries: FolderEntry[]; ignored: string[]; counts: Record<MigrationStatus, number> } | null;
}

export interface DiffStatement {
  sql: string;
  object: string;
  kind: string;
  action: 'create' | 'alter' | 'drop';
  destructive: string | null;
}

export interface BranchDiff {
  sql: string;
  statements: DiffStatement[];
  checksum: string;
  destructive: DiffStatement[];
  warnings: string[];
  branch: { id: string; label: string; database_name: string };
  main_database: string;
}

export interface PromoteResult {
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
