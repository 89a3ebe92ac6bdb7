// Branch → main: the diff between them applied to main as one recorded migration (and written to the migrations
// folder when one is set), then recorded in the branch's history too, so both agree on what has been applied.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TrestleContext } from '../context.js';
import { branchRuntime } from '../branches/runtime.js';
import type { Branch } from '../branches/branch-service.js';
import { applyMigration, markApplied, type ApplyResult } from './apply.js';
import { diffCatalogs, diffSql } from './diff/diff.js';
import { diffScope, readForDiff } from './diff/read.js';
import type { DiffStatement, SchemaDiff } from './diff/statements.js';
import { migrationErrors } from './errors.js';
import { migrationFileName } from './folder.js';
import { sha256 } from './history.js';
import { readMigrationSettings } from './settings.js';

export interface BranchDiff extends SchemaDiff {
  sql: string;
  checksum: string;
  destructive: DiffStatement[];
  branch: Branch;
  main_database: string;
}

export interface PromoteInput {
  name: string;
  confirmDestructive?: boolean;
  checksum?: string;
  includedSchemas?: string[] | null;
}

export async function branchOf(ctx: TrestleContext, ref: string): Promise<Branch> {
  if (ref === 'main' || ref === ctx.databases.mainName) throw migrationErrors.mainIsNotABranch();
  return branchRuntime(ctx).service.get(ref);
}

export async function diffBranch(ctx: TrestleContext, ref: string, includedSchemas: string[] | null = null): Promise<BranchDiff> {
  const branch = await branchOf(ctx, ref);
  const scope = diffScope(includedSchemas);
  const [main, target] = await Promise.all([readForDiff(ctx.databases.control, scope), readForDiff(ctx.databases.get(branch.database_name), scope)]);
  const diff = diffCatalogs(main, target);
  const sql = diffSql(diff);
  return { ...diff, sql, checksum: sha256(sql), destructive: diff.statements.filter((s) => s.destructive), branch, main_database: ctx.databases.mainName };
}

export interface PromoteResult extends ApplyResult {
  file: string | null;
  file_error: string | null;
  statements: number;
  /** Statements a diff still finds after the promotion (what the diff cannot express, e.g. column order). */
  remaining: number;
  warnings: string[];
}

export async function promoteBranch(ctx: TrestleContext, ref: string, input: PromoteInput, actor: string): Promise<PromoteResult> {
  const diff = await diffBranch(ctx, ref, input.includedSchemas ?? null);
  if (diff.statements.length === 0) throw migrationErrors.noChanges();
  if (input.checksum !== undefined && input.checksum !== diff.checksum) throw migrationErrors.diffChanged(input.checksum, diff.checksum);
  if (diff.destructive.length > 0 && !input.confirmDestructive) throw migrationErrors.destructive(diff.destructive);
  const sql = `-- Promoted from branch ${diff.branch.label.replace(/\s+/g, ' ')} (${diff.branch.database_name}) by Trestle\n\n${diff.sql}`;
  const result = await applyMigration(ctx.databases.control, { name: input.name, sql }, actor);
  const { version, name } = result.migration;
  await markApplied(ctx.databases.get(diff.branch.database_name), { version, name, sql }, actor)
    .catch((err: Error) => ctx.log.warn({ err: err.message, branch: diff.branch.database_name }, 'could not record the promotion in the branch history'));
  const settings = await readMigrationSettings(ctx.settings);
  let file: string | null = null;
  let fileError: string | null = null;
  if (settings.migrations_dir) {
    const target = path.join(settings.migrations_dir, migrationFileName(version, name));
    try {
      await fs.writeFile(target, sql, { flag: 'wx' });
      file = target;
    } catch (err) {
      fileError = (err as Error).message;
    }
  }
  const after = await diffBranch(ctx, ref, input.includedSchemas ?? null);
  return { ...result, file, file_error: fileError, statements: diff.statements.length, remaining: after.statements.length, warnings: diff.warnings };
}
