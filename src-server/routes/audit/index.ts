// The audit log, read-only: /v1/audit-logs (management API) and /api/audit-logs (dashboard).
import type { FastifyInstance } from 'fastify';
import { AuditList, AuditQuery } from './schemas.js';
import { listAuditLog, type AuditFilter } from './audit-log-service.js';

export default async function auditRoutes(app: FastifyInstance) {
  const db = app.trestle.databases.control;
  const schema = { querystring: AuditQuery, response: { 200: AuditList } };
  app.get('/v1/audit-logs', { config: { access: 'service_role' }, schema }, async (request) => listAuditLog(db, request.query as AuditFilter));
  app.get('/api/audit-logs', { config: { access: 'dashboard' }, schema }, async (request) => listAuditLog(db, request.query as AuditFilter));
}
