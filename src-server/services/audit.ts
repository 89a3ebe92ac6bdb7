// The audit log: every mutation through /api or /v1. Written in the mutation's own transaction when one is given,
// so a failed audit write fails the mutation instead of silently dropping the entry.
import type pg from 'pg';
import type { Database, Queryable } from '../db/database.js';
import { ApiError } from '../errors.js';

export interface AuditEntry {
  actor: string;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  detail?: unknown;
  requestId?: string | null;
}

export class AuditService {
  constructor(private readonly db: Database) {}

  async record(entry: AuditEntry, client?: pg.ClientBase): Promise<void> {
    const run: Queryable = client ?? this.db;
    await run.query(
      `INSERT INTO trestle.audit_log (actor, action, resource_type, resource_id, detail, request_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.actor, entry.action, entry.resourceType, entry.resourceId ?? null,
        entry.detail === undefined ? null : JSON.stringify(entry.detail), entry.requestId ?? null],
    ).catch((err: Error) => {
      // Inside the mutation's transaction the failure rolls the change back; on its own it can only be reported.
      const message = client
        ? 'The change was not made because it could not be recorded in the audit log'
        : 'The change could not be recorded in the audit log';
      throw new ApiError(500, 'AUDIT_WRITE_FAILED', message, { detail: err.message, hint: 'Check the trestle.audit_log table in the main database' });
    });
  }
}

export interface AuditedRequest {
  id: string;
  actor: string;
}

/**
 * Runs a mutation and its audit entry in one transaction of the control database: both happen or neither.
 * The entry may depend on the mutation's result (e.g. the id of what was created).
 */
export async function audited<T>(
  db: Database,
  audit: AuditService,
  request: AuditedRequest,
  entry: (result: T) => Omit<AuditEntry, 'actor' | 'requestId'>,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return db.transaction(async (client) => {
    const result = await fn(client);
    await audit.record({ ...entry(result), actor: request.actor, requestId: request.id }, client);
    return result;
  });
}
