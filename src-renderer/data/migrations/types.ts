// Shapes of /api/migrations and /api/branches/:id/diff|promote|seed: the server's own wire types.
export type {
  AppliedMigration, BranchDiffBody as BranchDiff, DiffStatementBody as DiffStatement, FolderEntry, MigrationSettings, MigrationStatus,
  MigrationsOverview, PromoteResultBody as PromoteResult, SeedResult,
} from '../../../src-server/migrations/shapes';
