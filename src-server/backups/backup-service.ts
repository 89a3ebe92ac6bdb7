// Backups: snapshots of the active database kept as template databases no one connects to; restored into a new
// branch, or over the main database (the replaced database is kept as a backup, so the restore can be undone).
import type { Readable } from 'node:stream';
import type { TrestleContext } from '../context.js';
import { ApiError } from '../errors.js';
import { quoteIdent } from '../db/quote.js';
import type { Queryable } from '../db/database.js';
import { bootstrapDatabase } from '../bootstrap/index.js';
import { audited, type AuditedRequest } from '../services/audit.js';
import { withAdmin, withDirect, databaseSize } from '../branches/admin.js';
import type { Branch, BranchService } from '../branches/branch-service.js';
import { backupDatabaseName } from '../branches/names.js';
import { templateCopier, type ForeignConnection } from '../branches/template-copy.js';
import { carryTrestleRowsForward } from './carry-forward.js';
import { loadSqlDump } from './dump/load.js';
import { isDatabaseError } from '../db/pg-errors.js';

export type BackupKind = 'manual' | 'scheduled' | 'pre_restore' | 'imported';

export interface Backup {
  id: string;
  label: string;
  kind: BackupKind;
  database_name: string;
  source_database: string;
  status: 'in_progress' | 'completed' | 'failed' | 'deleted';
  size_bytes: number | null;
  duration_ms: number | null;
  error: string | null;
  created_at: string;
  completed_at: string | null;
}

const COLUMNS = `id, label, kind, database_name, source_database, status, size_bytes::float8 AS size_bytes, duration_ms, error,
  created_at, completed_at`;

export class BackupService {
  constructor(private readonly ctx: TrestleContext, private readonly branches: BranchService) {}

  private get control() {
    return this.ctx.databases.control;
  }

  async list(opts: { kind?: BackupKind } = {}): Promise<Backup[]> {
    const { rows } = await this.control.query<Backup>(
      `SELECT ${COLUMNS} FROM trestle.backups WHERE status <> 'deleted' AND ($1::text IS NULL OR kind = $1) ORDER BY created_at DESC, id`,
      [opts.kind ?? null]);
    return rows;
  }

  async get(id: string, q: Queryable = this.control): Promise<Backup> {
    const { rows } = await q.query<Backup>(
      `SELECT ${COLUMNS} FROM trestle.backups WHERE id::text = $1 AND status <> 'deleted'`, [id]);
    if (!rows[0]) throw new ApiError(404, 'BACKUP_NOT_FOUND', `No backup ${id}`, { hint: 'GET /api/backups lists the backups' });
    return rows[0];
  }

  async completed(id: string): Promise<Backup> {
    const backup = await this.get(id);
    if (backup.status !== 'completed') throw new ApiError(409, 'BACKUP_NOT_READY', `Backup ${id} is ${backup.status}`);
    return backup;
  }

  /** CREATE DATABASE trestle_backup_<time> TEMPLATE <active>, then closed to connections and marked a template. */
  async snapshot(input: { label?: string; kind?: BackupKind; terminateConnections?: boolean }, who: AuditedRequest):
    Promise<{ backup: Backup; terminated: ForeignConnection[] }> {
    const copier = templateCopier(this.ctx);
    return copier.serialize(async () => {
      const source = this.ctx.databases.activeDatabaseName;
      const name = backupDatabaseName();
      const { rows } = await this.control.query<{ id: string }>(
        `INSERT INTO trestle.backups (database_name, source_database, kind, label) VALUES ($1, $2, $3, $4) RETURNING id`,
        [name, source, input.kind ?? 'manual', input.label ?? '']);
      const id = rows[0].id;
      const t0 = performance.now();
      try {
        const copy = await copier.copy(source, name, { terminateConnections: input.terminateConnections });
        const size = await withAdmin(this.ctx, async (admin) => {
          await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
          return databaseSize(admin, name);
        });
        const duration = Math.round(performance.now() - t0);
        const backup = await audited(this.control, this.ctx.audit, who,
          (b: Backup) => ({ action: 'backup.create', resourceType: 'backup', resourceId: b.id,
            detail: { database_name: name, source_database: source, kind: b.kind, copy_method: copy.method, duration_ms: duration,
              terminated_connections: copy.terminated.map((c) => c.pid) } }),
          async (client) => {
            await client.query(`UPDATE trestle.backups SET status = 'completed', size_bytes = $2, duration_ms = $3, completed_at = now() WHERE id = $1`,
              [id, size, duration]);
            return this.get(id, client);
          });
        return { backup, terminated: copy.terminated };
      } catch (err) {
        await this.dropDatabase(name).catch(() => undefined);
        if (err instanceof ApiError) await this.control.query('DELETE FROM trestle.backups WHERE id = $1', [id]).catch(() => undefined);
        else await this.control.query(`UPDATE trestle.backups SET status = 'failed', error = $2, completed_at = now() WHERE id = $1`,
          [id, (err as Error).message]).catch(() => undefined);
        throw err;
      }
    });
  }

  /** At start-up: a snapshot that was running when Trestle stopped did not complete. Its database is left alone. */
  async markInterrupted(): Promise<void> {
    await this.control.query(
      `UPDATE trestle.backups SET status = 'failed', error = 'interrupted by a restart', completed_at = now() WHERE status = 'in_progress'`);
  }

  async delete(id: string, who: AuditedRequest): Promise<Backup> {
    const backup = await this.get(id);
    if (backup.status === 'in_progress') throw new ApiError(409, 'BACKUP_IN_PROGRESS', 'The backup is still being taken');
    return templateCopier(this.ctx).serialize(async () => {
      await this.dropDatabase(backup.database_name);
      return audited(this.control, this.ctx.audit, who,
        (b: Backup) => ({ action: 'backup.delete', resourceType: 'backup', resourceId: b.id, detail: { database_name: b.database_name } }),
        async (client) => {
          await client.query(`UPDATE trestle.backups SET status = 'deleted' WHERE id = $1`, [id]);
          return { ...backup, status: 'deleted' as const };
        });
    });
  }

  async restoreToBranch(id: string, input: { label?: string; ttlHours?: number }, who: AuditedRequest): Promise<Branch> {
    const backup = await this.completed(id);
    try {
      const { branch } = await this.branches.create(
        { label: input.label ?? `restore_${backup.label || backup.database_name}`.slice(0, 60), ttlHours: input.ttlHours, sourceBackupId: backup.id },
        who, backup.database_name);
      return branch;
    } finally {
      await this.ctx.databases.forget(backup.database_name);
    }
  }

  /**
   * Replaces the main database with a copy of the backup. The replaced database is renamed into a new backup
   * (kind pre_restore) so restoring that one undoes this. Trestle's own rows are carried over from it.
   */
  async restoreOverMain(id: string, opts: { terminateConnections?: boolean }, who: AuditedRequest):
    Promise<{ backup: Backup; replaced: Backup; terminated: ForeignConnection[]; method: string; duration_ms: number }> {
    const backup = await this.completed(id);
    const main = this.ctx.databases.mainName;
    const copier = templateCopier(this.ctx);
    return copier.serialize(async () => {
      const preName = backupDatabaseName();
      const { rows } = await this.control.query<{ id: string }>(
        `INSERT INTO trestle.backups (database_name, source_database, kind, label) VALUES ($1, $2, 'pre_restore', $3) RETURNING id`,
        [preName, main, `Before restoring ${backup.label || backup.database_name}`.slice(0, 200)]);
      const preId = rows[0].id;
      const t0 = performance.now();
      let outcome: { terminated: ForeignConnection[]; method: string };
      try {
        let size: number | null = null;
        outcome = await copier.withDatabasesFree([main], opts, async (admin, terminated) => {
          await admin.query(`ALTER DATABASE ${quoteIdent(main)} RENAME TO ${quoteIdent(preName)}`);
          let created = false;
          try {
            const method = await copier.methods.create(admin, main, backup.database_name, await copier.methods.choose(admin, size ?? 0));
            created = true;
            await bootstrapDatabase(this.ctx.postgres.localUrl(main));
            await withDirect(this.ctx, preName, (old) => withDirect(this.ctx, main, (restored) => carryTrestleRowsForward(old, restored)));
            await admin.query(`ALTER DATABASE ${quoteIdent(preName)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
            return { terminated, method };
          } catch (err) {
            if (created) await admin.query(`DROP DATABASE ${quoteIdent(main)} WITH (FORCE)`);
            await admin.query(`ALTER DATABASE ${quoteIdent(preName)} RENAME TO ${quoteIdent(main)}`);
            throw err;
          }
        }, async (admin) => {
          size = await databaseSize(admin, backup.database_name);
        });
      } catch (err) {
        await this.control.query('DELETE FROM trestle.backups WHERE id = $1', [preId]).catch(() => undefined);
        throw err;
      }
      const duration = Math.round(performance.now() - t0);
      const size = await withAdmin(this.ctx, (admin) => databaseSize(admin, preName));
      const replaced = await audited(this.control, this.ctx.audit, who,
        (b: Backup) => ({ action: 'backup.restore', resourceType: 'backup', resourceId: backup.id,
          detail: { target: 'main', database_name: main, from: backup.database_name, replaced_backup_id: b.id, duration_ms: duration,
            terminated_connections: outcome.terminated.map((c) => c.pid) } }),
        async (client) => {
          await client.query(`UPDATE trestle.backups SET status = 'completed', size_bytes = $2, duration_ms = $3, completed_at = now() WHERE id = $1`,
            [preId, size, duration]);
          return this.get(preId, client);
        });
      return { backup, replaced, terminated: outcome.terminated, method: outcome.method, duration_ms: duration };
    });
  }

  /**
   * Restore-from-file: loads a SQL dump (as written by the download) into a fresh database and keeps it as a
   * backup, which can then be restored into a branch or over main like any other.
   */
  async importDump(sql: Readable, input: { label?: string }, who: AuditedRequest): Promise<Backup> {
    const name = backupDatabaseName();
    const { rows } = await this.control.query<{ id: string }>(
      `INSERT INTO trestle.backups (database_name, source_database, kind, label) VALUES ($1, 'file', 'imported', $2) RETURNING id`,
      [name, input.label ?? 'Imported SQL file']);
    const id = rows[0].id;
    const t0 = performance.now();
    try {
      await withAdmin(this.ctx, (admin) => admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`));
      const loaded = await withDirect(this.ctx, name, (client) => loadSqlDump(client, sql)).catch((err: Error) => {
        throw new ApiError(400, 'IMPORT_FAILED', `The SQL file could not be loaded: ${err.message}`, {
          detail: isDatabaseError(err) ? { code: err.code, position: err.position ?? null, where: err.where ?? null } : null,
          hint: 'The file must be a plain SQL dump such as GET /api/backups/:id/download writes' });
      });
      const size = await withAdmin(this.ctx, async (admin) => {
        await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
        return databaseSize(admin, name);
      });
      const duration = Math.round(performance.now() - t0);
      return await audited(this.control, this.ctx.audit, who,
        (b: Backup) => ({ action: 'backup.import', resourceType: 'backup', resourceId: b.id,
          detail: { database_name: name, tables_loaded: loaded.copied, duration_ms: duration } }),
        async (client) => {
          await client.query(`UPDATE trestle.backups SET status = 'completed', size_bytes = $2, duration_ms = $3, completed_at = now() WHERE id = $1`,
            [id, size, duration]);
          return this.get(id, client);
        });
    } catch (err) {
      sql.resume();
      await this.dropDatabase(name).catch(() => undefined);
      await this.control.query('DELETE FROM trestle.backups WHERE id = $1', [id]).catch(() => undefined);
      throw err;
    }
  }

  private async dropDatabase(name: string): Promise<void> {
    await this.ctx.databases.forget(name);
    await withAdmin(this.ctx, async (admin) => {
      const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rows.length === 0) return;
      await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`);
    });
  }
}
