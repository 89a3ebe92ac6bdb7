// audited() for changes to user data: in one transaction when the active database is the main one; on a branch
// the audit entry (which always lives in the main database) is written right after the change commits.
import type pg from 'pg';
import type { TrestleContext } from '../context.js';
import { audited, type AuditEntry, type AuditedRequest } from '../services/audit.js';

export async function auditedOnActive<T>(
  ctx: TrestleContext,
  request: AuditedRequest,
  entry: (result: T) => Omit<AuditEntry, 'actor' | 'requestId'>,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const active = ctx.databases.active;
  if (active === ctx.databases.control) return audited(active, ctx.audit, request, entry, fn);
  const result = await active.transaction(fn);
  await ctx.audit.record({ ...entry(result), actor: request.actor, requestId: request.id });
  return result;
}
