// Branches: template copies of the main database (or of another branch, or of a backup), listed, reset,
// activated and dropped. The registry rows live in the control database's trestle.branches.
import type pg from 'pg';
import type { TrestleContext } from '../context.js';
import { ApiError } from '../errors.js';
import { quoteIdent } from '../db/quote.js';
import type { Queryable } from '../db/database.js';
import { audited, type AuditedRequest } from '../services/audit.js';
import { withAdmin } from './admin.js';
import { branchDatabaseName, defaultBranchLabel } from './names.js';
import { templateCopier, type ForeignConnection } from './template-copy.js';

export interface Branch {
  id: string;
  label: string;
  database_name: string;
  parent: string;
  status: 'creating' | 'ready' | 'failed' | 'deleted';
  copy_method: string | null;
  duration_ms: number | null;
  ttl_hours: number;
  expires_at: string | null;
  source_backup_id: string | null;
  created_at: string;
  reset_at: string | null;
  deleted_at: string | null;
  size_bytes: number | null;
  active: boolean;
  connection_string: string;
}

export interface CreateBranchInput {
  label?: string;
  ttlHours?: number;
  parent?: string;
  terminateConnections?: boolean;
  sourceBackupId?: string;
}

const ACTIVE_SETTING = 'branches.active';
const COLUMNS = `b.id, b.label, b.database_name, b.parent, b.status, b.copy_method, b.duration_ms, b.ttl_hours, b.expires_at,
  b.source_backup_id, b.created_at, b.reset_at, b.deleted_at,
  (SELECT pg_database_size(d.oid) FROM pg_database d WHERE d.datname = b.database_name AND b.status <> 'deleted')::text AS size_bytes`;

type Row = Omit<Branch, 'size_bytes' | 'active' | 'connection_string'> & { size_bytes: string | null };

export class BranchService {
  constructor(private readonly ctx: TrestleContext, private readonly clock: () => Date = () => new Date()) {}

  private get control() {
    return this.ctx.databases.control;
  }

  private shape(row: Row): Branch {
    return {
      ...row, size_bytes: row.size_bytes === null ? null : Number(row.size_bytes),
      active: row.status === 'ready' && row.database_name === this.ctx.databases.activeDatabaseName,
      connection_string: this.ctx.postgres.url(row.database_name),
    };
  }

  async list(opts: { includeDeleted?: boolean } = {}): Promise<Branch[]> {
    const { rows } = await this.control.query<Row>(
      `SELECT ${COLUMNS} FROM trestle.branches b ${opts.includeDeleted ? '' : `WHERE b.status <> 'deleted'`} ORDER BY b.created_at DESC`);
    return rows.map((r) => this.shape(r));
  }

  /** By id (uuid) or by database name. */
  async get(ref: string, q: Queryable = this.control): Promise<Branch> {
    const { rows } = await q.query<Row>(
      `SELECT ${COLUMNS} FROM trestle.branches b WHERE (b.id::text = $1 OR b.database_name = $1) AND b.status <> 'deleted'`, [ref]);
    if (!rows[0]) throw new ApiError(404, 'BRANCH_NOT_FOUND', `No branch ${ref}`, { hint: 'GET /api/branches lists the branches' });
    return this.shape(rows[0]);
  }

  async mainInfo() {
    const name = this.ctx.databases.mainName;
    const { rows } = await this.control.query<{ size: string }>('SELECT pg_database_size($1::name)::text AS size', [name]);
    return {
      database_name: name, size_bytes: Number(rows[0].size), active: this.ctx.databases.activeDatabaseName === name,
      connection_string: this.ctx.postgres.url(name),
    };
  }

  /** The parent's database name: the active database unless a branch (id or name), a backup, or 'main' is named. */
  private async resolveParent(parent: string | undefined): Promise<string> {
    if (parent === undefined) return this.ctx.databases.activeDatabaseName;
    if (parent === 'main' || parent === this.ctx.databases.mainName) return this.ctx.databases.mainName;
    const branch = await this.get(parent).catch(() => undefined);
    if (!branch || branch.status !== 'ready') {
      throw new ApiError(400, 'INVALID_PARENT', `Parent ${parent} is neither the main database nor a ready branch`, {
        hint: 'Use "main", or the id or database_name of a branch from GET /api/branches' });
    }
    return branch.database_name;
  }

  async create(input: CreateBranchInput, who: AuditedRequest, parentDatabase?: string): Promise<{ branch: Branch; terminated: ForeignConnection[] }> {
    const label = input.label?.trim() || defaultBranchLabel(this.clock());
    const ttlHours = input.ttlHours ?? 0;
    const parent = parentDatabase ?? await this.resolveParent(input.parent);
    const name = branchDatabaseName(label, this.clock().getTime());
    const expires = ttlHours > 0 ? new Date(this.clock().getTime() + ttlHours * 3_600_000).toISOString() : null;
    const copier = templateCopier(this.ctx);
    return copier.serialize(async () => {
      const { rows } = await this.control.query<{ id: string }>(
        `INSERT INTO trestle.branches (database_name, label, parent, status, ttl_hours, expires_at, source_backup_id)
         VALUES ($1, $2, $3, 'creating', $4, $5, $6) RETURNING id`,
        [name, label, parent, ttlHours, expires, input.sourceBackupId ?? null]);
      const id = rows[0].id;
      let copy;
      try {
        copy = await copier.copy(parent, name, { terminateConnections: input.terminateConnections });
      } catch (err) {
        await this.control.query('DELETE FROM trestle.branches WHERE id = $1', [id]).catch(() => undefined);
        throw err;
      }
      try {
        const branch = await audited(this.control, this.ctx.audit, who,
          (b: Branch) => ({ action: 'branch.create', resourceType: 'branch', resourceId: b.id,
            detail: { label, database_name: name, parent, copy_method: copy.method, duration_ms: copy.duration_ms, ttl_hours: ttlHours,
              terminated_connections: copy.terminated.map((c) => c.pid) } }),
          async (client) => {
            await client.query(`UPDATE trestle.branches SET status = 'ready', copy_method = $2, duration_ms = $3 WHERE id = $1`,
              [id, copy.method, copy.duration_ms]);
            return this.get(id, client);
          });
        return { branch, terminated: copy.terminated };
      } catch (err) {
        await this.dropDatabase(name).catch(() => undefined);
        await this.control.query('DELETE FROM trestle.branches WHERE id = $1', [id]).catch(() => undefined);
        throw err;
      }
    });
  }

  async delete(ref: string, who: AuditedRequest): Promise<Branch> {
    const branch = await this.get(ref);
    return templateCopier(this.ctx).serialize(async () => {
      if (branch.active) await this.deactivate(who);
      await this.dropDatabase(branch.database_name);
      return audited(this.control, this.ctx.audit, who,
        (b: Branch) => ({ action: 'branch.delete', resourceType: 'branch', resourceId: b.id, detail: { label: b.label, database_name: b.database_name } }),
        async (client) => {
          await client.query(`UPDATE trestle.branches SET status = 'deleted', deleted_at = now() WHERE id = $1`, [branch.id]);
          return { ...branch, status: 'deleted' as const, active: false, size_bytes: null, deleted_at: new Date().toISOString() };
        });
    });
  }

  /** Drops the branch and copies its parent again under the same name; requests to it meanwhile wait. */
  async reset(ref: string, who: AuditedRequest, opts: { terminateConnections?: boolean } = {}): Promise<{ branch: Branch; terminated: ForeignConnection[] }> {
    const branch = await this.get(ref);
    if (branch.status !== 'ready') throw new ApiError(409, 'BRANCH_NOT_READY', `Branch ${branch.label} is ${branch.status}`);
    const copier = templateCopier(this.ctx);
    return copier.serialize(async () => {
      const resumeBranch = await this.ctx.databases.pauseAndDrain(branch.database_name);
      let copy;
      try {
        const parentExists = await withAdmin(this.ctx, async (admin) => {
          const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [branch.parent]);
          return rows.length > 0;
        });
        if (!parentExists) throw new ApiError(409, 'PARENT_GONE', `The parent database ${branch.parent} no longer exists`);
        // The branch's pool stays paused (not forgotten): requests to it wait and then reach the fresh copy.
        await this.dropDatabase(branch.database_name, { alreadyPaused: true });
        copy = await copier.copy(branch.parent, branch.database_name, opts);
      } finally {
        resumeBranch();
      }
      const reset = await audited(this.control, this.ctx.audit, who,
        (b: Branch) => ({ action: 'branch.reset', resourceType: 'branch', resourceId: b.id,
          detail: { database_name: b.database_name, parent: b.parent, copy_method: copy.method, duration_ms: copy.duration_ms } }),
        async (client) => {
          await client.query(`UPDATE trestle.branches SET reset_at = now(), copy_method = $2, duration_ms = $3 WHERE id = $1`,
            [branch.id, copy.method, copy.duration_ms]);
          return this.get(branch.id, client);
        });
      return { branch: reset, terminated: copy.terminated };
    });
  }

  async activate(ref: string, who: AuditedRequest): Promise<Branch> {
    const branch = await this.get(ref);
    if (branch.status !== 'ready') throw new ApiError(409, 'BRANCH_NOT_READY', `Branch ${branch.label} is ${branch.status}`);
    await audited(this.control, this.ctx.audit, who,
      () => ({ action: 'branch.activate', resourceType: 'branch', resourceId: branch.id, detail: { database_name: branch.database_name } }),
      (client) => this.persistActive(client, branch.database_name));
    this.ctx.databases.setActive(branch.database_name);
    return { ...branch, active: true };
  }

  /** Back to serving the main database. */
  async deactivate(who: AuditedRequest): Promise<{ previous: string; active_database: string }> {
    const previous = this.ctx.databases.activeDatabaseName;
    const main = this.ctx.databases.mainName;
    await audited(this.control, this.ctx.audit, who,
      () => ({ action: 'branch.deactivate', resourceType: 'branch', resourceId: null, detail: { previous, database_name: main } }),
      (client) => this.persistActive(client, main));
    this.ctx.databases.setActive(main);
    return { previous, active_database: main };
  }

  private async persistActive(client: pg.ClientBase, database: string): Promise<void> {
    await client.query(
      `INSERT INTO trestle.settings (key, value, updated_at) VALUES ($1, to_jsonb($2::text), now())
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`, [ACTIVE_SETTING, database]);
  }

  /** At start-up: serve the branch that was active when Trestle stopped, if it still exists. */
  async restoreActive(): Promise<void> {
    const name = await this.ctx.settings.get<string>(ACTIVE_SETTING);
    if (!name || name === this.ctx.databases.mainName) return;
    const { rows } = await this.control.query(
      `SELECT 1 FROM trestle.branches b JOIN pg_database d ON d.datname = b.database_name WHERE b.database_name = $1 AND b.status = 'ready'`, [name]);
    if (rows.length > 0) this.ctx.databases.setActive(name);
  }

  /** Drops branches whose TTL has passed (switching back to main first if one is active). Returns what was dropped. */
  async dropExpired(now: Date = this.clock()): Promise<Branch[]> {
    const { rows } = await this.control.query<{ id: string }>(
      `SELECT id FROM trestle.branches WHERE status = 'ready' AND expires_at IS NOT NULL AND expires_at <= $1 ORDER BY expires_at`, [now.toISOString()]);
    const dropped: Branch[] = [];
    const who = { id: 'ttl-job', actor: 'system:branch-ttl' };
    for (const { id } of rows) {
      try {
        dropped.push(await this.delete(id, who));
      } catch (err) {
        this.ctx.log.warn({ err: (err as Error).message, branch: id }, 'could not drop an expired branch');
      }
    }
    return dropped;
  }

  /** Work already running on the branch finishes first; anything after that fails as the database is gone. */
  private async dropDatabase(name: string, opts: { alreadyPaused?: boolean } = {}): Promise<void> {
    const resume = opts.alreadyPaused ? undefined : await this.ctx.databases.pauseAndDrain(name);
    try {
      if (!opts.alreadyPaused) await this.ctx.databases.forget(name);
      await withAdmin(this.ctx, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    } finally {
      resume?.();
    }
  }

  /** At start-up: copies interrupted by a crash were never handed out, so they are dropped. */
  async recoverInterrupted(): Promise<void> {
    const { rows } = await this.control.query<{ id: string; database_name: string }>(
      `SELECT id, database_name FROM trestle.branches WHERE status = 'creating'`);
    for (const r of rows) {
      await this.dropDatabase(r.database_name);
      await this.control.query('DELETE FROM trestle.branches WHERE id = $1', [r.id]);
    }
  }
}
