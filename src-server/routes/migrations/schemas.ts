// Request and response schemas of the migrations routes: history, the folder, branch diff, promote and seed.
import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\\\u0000-\\u001f]+$', description: 'Identifies the migration; no slashes' });
const Version = Type.String({ pattern: '^[0-9]{1,30}$', description: 'Digits, e.g. a timestamp 20260101120000' });
const Sql = Type.String({ maxLength: 8 * 1024 * 1024 });
const Checksum = Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'Hex SHA-256 of the SQL (UTF-8)' });

export const AppliedMigrationSchema = Type.Object({
  version: Type.String(),
  name: Type.String(),
  checksum: Nullable(Type.String()),
  applied_by: Nullable(Type.String()),
  applied_at: Nullable(Type.String()),
});

/** Supabase's `{name?, query}` or DB9's `{name, sql, checksum?}`. */
export const ApplyMigrationBody = Type.Object({
  name: Type.Optional(Name),
  query: Type.Optional(Sql),
  sql: Type.Optional(Sql),
  version: Type.Optional(Version),
  checksum: Type.Optional(Checksum),
}, { additionalProperties: false });

export const ApplyMigrationResponse = Type.Composite([AppliedMigrationSchema, Type.Object({
  applied: Type.Boolean({ description: 'False when it had been applied before with the same SQL (nothing ran)' }),
})]);

const FolderEntrySchema = Type.Object({
  version: Type.String(),
  name: Type.String(),
  status: Type.Union([Type.Literal('applied'), Type.Literal('changed'), Type.Literal('pending'), Type.Literal('missing')]),
  file: Nullable(Type.String()),
  checksum: Nullable(Type.String()),
  applied_checksum: Nullable(Type.String()),
  applied_at: Nullable(Type.String()),
  applied_by: Nullable(Type.String()),
});

const SettingsSchema = Type.Object({
  migrations_dir: Nullable(Type.String()),
  seed_file: Nullable(Type.String()),
  seed_path: Nullable(Type.String({ description: 'The seed file in use (seed_file, or seed.sql beside the migrations folder)' })),
});

export const OverviewSchema = Type.Object({
  database: Type.String(),
  settings: SettingsSchema,
  applied: Type.Array(AppliedMigrationSchema),
  folder: Type.Union([Type.Object({
    path: Type.String(),
    entries: Type.Array(FolderEntrySchema),
    ignored: Type.Array(Type.String()),
    counts: Type.Object({ applied: Type.Integer(), changed: Type.Integer(), pending: Type.Integer(), missing: Type.Integer() }),
    error: Nullable(Type.String({ description: 'Why the folder could not be read (the entries are then the history alone)' })),
  }), Type.Null()]),
});

export const ApplyFolderBody = Type.Union([
  Type.Object({ versions: Type.Optional(Type.Array(Version, { minItems: 1, maxItems: 1000 })) }, { additionalProperties: false }),
  Type.Null(),
]);
export const ApplyFolderResponse = Type.Object({ applied: Type.Array(AppliedMigrationSchema), overview: OverviewSchema });

export const SettingsBody = Type.Object({
  migrations_dir: Type.Optional(Nullable(Type.String({ maxLength: 4096 }))),
  seed_file: Type.Optional(Nullable(Type.String({ maxLength: 4096 }))),
}, { additionalProperties: false, minProperties: 1 });

export const BranchParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
export const DiffQuery = Type.Object({
  included_schemas: Type.Optional(Type.String({ maxLength: 2000, description: 'Comma-separated schemas; all of them when absent' })),
});

const StatementSchema = Type.Object({
  sql: Type.String(),
  object: Type.String({ description: 'The schema object the statement is about' }),
  kind: Type.String(),
  action: Type.Union([Type.Literal('create'), Type.Literal('alter'), Type.Literal('drop')]),
  destructive: Nullable(Type.String({ description: 'Why the statement can lose data; null when it cannot' })),
});

export const DiffResponse = Type.Object({
  sql: Type.String({ description: "The DDL that turns main's schema into the branch's" }),
  statements: Type.Array(StatementSchema),
  checksum: Type.String({ description: 'SHA-256 of sql: pass it to promote to apply exactly this diff' }),
  destructive: Type.Array(StatementSchema),
  warnings: Type.Array(Type.String()),
  branch: Type.Object({ id: Type.String(), label: Type.String(), database_name: Type.String() }),
  main_database: Type.String(),
});

export const PromoteBody = Type.Object({
  name: Name,
  confirm_destructive: Type.Optional(Type.Boolean()),
  checksum: Type.Optional(Checksum),
  included_schemas: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 63 }), { maxItems: 100 })),
}, { additionalProperties: false });

export const PromoteResponse = Type.Object({
  migration: AppliedMigrationSchema,
  applied: Type.Boolean(),
  statements: Type.Integer(),
  remaining: Type.Integer({ description: 'Differences a new diff still finds (what DDL cannot express, such as column order)' }),
  file: Nullable(Type.String({ description: 'The migration file written to the migrations folder' })),
  file_error: Nullable(Type.String()),
  warnings: Type.Array(Type.String()),
});

export const SeedResponse = Type.Object({
  file: Type.String(),
  statements: Type.Integer(),
  duration_ms: Type.Integer(),
  branch_id: Type.String(),
  database_name: Type.String(),
});
