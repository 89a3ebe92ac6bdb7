// The migrations area as the routes use it: each operation on the right database, with its audit entry.
import type { TrestleContext } from '../context.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';
import type { AuditedRequest } from '../services/audit.js';
import { applyMigration, type ApplyResult, type MigrationInput } from './apply.js';
import { migrationErrors } from './errors.js';
import { folderStatus, readFolder } from './folder.js';
import { listApplied, sha256, type AppliedMigration } from './history.js';
import { branchOf, diffBranch, promoteBranch, type BranchDiff, type PromoteInput, type PromoteResult } from './promote.js';
import { runSeed } from './seed.js';
import type { MigrationsOverview, SeedResult } from './shapes.js';
import { readMigrationSettings, seedFileOf, updateMigrationSettings, type MigrationSettings } from './settings.js';


export class MigrationService {
  constructor(private readonly ctx: TrestleContext) {}

  /** Migrations apply to the database the API serves: main, or the activated branch. */
  private get db(): Database {
    return this.ctx.databases.active;
  }

  private audit(who: AuditedRequest, action: string, resourceId: string, detail: unknown): Promise<void> {
    return this.ctx.audit.record({ actor: who.actor, requestId: who.id, action, resourceType: 'migration', resourceId, detail });
  }

  list(): Promise<AppliedMigration[]> {
    return listApplied(this.db);
  }

  async apply(input: MigrationInput, who: AuditedRequest): Promise<ApplyResult> {
    const result = await applyMigration(this.db, input, who.actor);
    if (result.applied) {
      await this.audit(who, 'migration.apply', result.migration.version,
        { name: result.migration.name, checksum: result.migration.checksum, database: this.db.name });
    }
    return result;
  }

  async overview(): Promise<MigrationsOverview> {
    const settings = await readMigrationSettings(this.ctx.settings);
    const applied = await listApplied(this.db);
    let folder: MigrationsOverview['folder'] = null;
    if (settings.migrations_dir) {
      // A folder that went away (or cannot be read) is reported with the history, not as a failed page.
      const read = await readFolder(settings.migrations_dir).catch((err: ApiError) => ({ files: [], ignored: [], error: err.message }));
      const entries = folderStatus(read.files, applied);
      const counts = { applied: 0, changed: 0, pending: 0, missing: 0 };
      for (const e of entries) counts[e.status]++;
      folder = { path: settings.migrations_dir, entries, ignored: read.ignored, counts, error: 'error' in read ? read.error : null };
    }
    return { database: this.db.name, settings: { ...settings, seed_path: seedFileOf(settings) }, applied, folder };
  }

  /** Applies the folder's pending migrations (all, or the versions named) in version order; stops at the first failure. */
  async applyFolder(versions: string[] | undefined, who: AuditedRequest): Promise<{ applied: AppliedMigration[]; overview: MigrationsOverview }> {
    const settings = await readMigrationSettings(this.ctx.settings);
    if (!settings.migrations_dir) throw migrationErrors.folderNotSet();
    const { files } = await readFolder(settings.migrations_dir);
    const entries = folderStatus(files, await listApplied(this.db));
    const changed = entries.filter((e) => e.status === 'changed').map((e) => e.version);
    if (changed.length) throw migrationErrors.changedFiles(changed);
    const pending = entries.filter((e) => e.status === 'pending');
    const chosen = versions ? pending.filter((e) => versions.includes(e.version)) : pending;
    const unknown = (versions ?? []).filter((v) => !pending.some((e) => e.version === v));
    if (unknown.length) throw migrationErrors.unknownVersions(unknown);
    const applied: AppliedMigration[] = [];
    for (const entry of chosen) {
      const file = files.find((f) => f.version === entry.version)!;
      try {
        const result = await this.apply({ version: file.version, name: file.name, sql: file.sql }, who);
        applied.push(result.migration);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        throw new ApiError(err.statusCode, err.code, `${file.file}: ${err.message}`, {
          detail: { failed: file.version, applied: applied.map((m) => m.version), cause: err.detail },
          hint: applied.length ? `The ${applied.length} migration(s) before it were applied; fix ${file.file} and apply again` : err.hint,
        });
      }
    }
    return { applied, overview: await this.overview() };
  }

  async updateSettings(patch: Partial<MigrationSettings>, who: AuditedRequest): Promise<MigrationsOverview> {
    const next = await updateMigrationSettings(this.ctx.settings, patch);
    await this.ctx.audit.record({ actor: who.actor, requestId: who.id, action: 'migrations.settings', resourceType: 'settings', resourceId: 'migrations', detail: next });
    return this.overview();
  }

  async seed(branchRef: string, who: AuditedRequest): Promise<SeedResult> {
    const branch = await branchOf(this.ctx, branchRef);
    const file = seedFileOf(await readMigrationSettings(this.ctx.settings));
    if (!file) throw migrationErrors.seedNotSet();
    const result = await runSeed(this.ctx.databases.get(branch.database_name), file);
    await this.ctx.audit.record({ actor: who.actor, requestId: who.id, action: 'branch.seed', resourceType: 'branch', resourceId: branch.id,
      detail: { ...result, database_name: branch.database_name } });
    return { ...result, branch_id: branch.id, database_name: branch.database_name };
  }

  diff(branchRef: string, includedSchemas: string[] | null): Promise<BranchDiff> {
    return diffBranch(this.ctx, branchRef, includedSchemas);
  }

  async promote(branchRef: string, input: PromoteInput, who: AuditedRequest): Promise<PromoteResult> {
    const result = await promoteBranch(this.ctx, branchRef, input, who.actor);
    await this.ctx.audit.record({ actor: who.actor, requestId: who.id, action: 'branch.promote', resourceType: 'branch', resourceId: branchRef,
      detail: { migration: result.migration.version, name: result.migration.name, statements: result.statements, file: result.file } });
    return result;
  }
}

/** A name for a migration sent without one: the same SQL gets the same name, so sending it twice applies it once. */
export const defaultMigrationName = (sql: string) => `migration_${sha256(sql).slice(0, 12)}`;
