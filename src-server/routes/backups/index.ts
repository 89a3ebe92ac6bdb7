// Backups at /api/backups (dashboard) and GET /v1/backups: snapshot, list, delete, restore, SQL download, schedule.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../plugins/auth.js';
import { ApiError } from '../../errors.js';
import { backupRuntime } from '../../backups/runtime.js';
import { dumpBackup } from '../../backups/dump/index.js';
import {
  BackupList, BackupRef, ImportQuery, BackupResponse, RestoreBody, RestoreResponse, ScheduleResponse, ScheduleSchema, SnapshotBody, SnapshotResponse,
} from './schemas.js';
import type { BackupSchedule } from '../../backups/schedule.js';

type Restore = { target?: 'branch' | 'main'; confirm?: boolean | string; label?: string; ttlHours?: number; terminateConnections?: boolean };

export default async function backupsRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const { service, scheduler } = backupRuntime(ctx);
  const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });

  await service.markInterrupted();
  scheduler.start();
  ctx.onShutdown(() => scheduler.stop());

  const list = async () => ({ backups: await service.list() });
  app.get('/api/backups', { config: { access: 'dashboard' }, schema: { response: { 200: BackupList } } }, list);
  app.get('/v1/backups', { config: { access: 'service_role' }, schema: { response: { 200: BackupList } } }, list);

  for (const url of ['/api/backups', '/api/backups/snapshot']) {
    app.post(url, { config: { access: 'dashboard' }, schema: { body: SnapshotBody, response: { 201: SnapshotResponse } } }, async (request, reply) => {
      const body = (request.body ?? {}) as { label?: string; terminateConnections?: boolean };
      const { backup, terminated } = await service.snapshot(body, who(request));
      return reply.code(201).send({ backup, terminated_connections: terminated });
    });
  }

  // Restore-from-file: the body is a SQL dump, streamed straight into the loader (no body size limit applies).
  app.register(async (scope) => {
    scope.addContentTypeParser(['application/sql', 'application/octet-stream'], (_request, payload, done) => done(null, payload));
    scope.post('/api/backups/import', { config: { access: 'dashboard' }, schema: { querystring: ImportQuery, response: { 201: BackupResponse } } }, async (request, reply) => {
      if (!(request.body instanceof Readable)) {
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the SQL file as the request body with Content-Type: application/sql');
      }
      const { label } = request.query as { label?: string };
      return reply.code(201).send({ backup: await service.importDump(request.body, { label }, who(request)) });
    });
  });

  app.get('/api/backups/schedule', { config: { access: 'dashboard' }, schema: { response: { 200: ScheduleResponse } } }, async () => scheduler.status());
  app.put('/api/backups/schedule', { config: { access: 'dashboard' }, schema: { body: ScheduleSchema, response: { 200: ScheduleResponse } } }, async (request) => {
    await scheduler.set(request.body as BackupSchedule);
    return scheduler.status();
  });

  app.get('/api/backups/:id', { config: { access: 'dashboard' }, schema: { params: BackupRef, response: { 200: BackupResponse } } }, async (request) => {
    return { backup: await service.get((request.params as { id: string }).id) };
  });

  app.delete('/api/backups/:id', { config: { access: 'dashboard' }, schema: { params: BackupRef, response: { 200: BackupResponse } } }, async (request) => {
    return { backup: await service.delete((request.params as { id: string }).id, who(request)) };
  });

  app.post('/api/backups/:id/restore', { config: { access: 'dashboard' }, schema: { params: BackupRef, body: RestoreBody, response: { 200: RestoreResponse } } }, async (request) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Restore;
    if ((body.target ?? 'branch') === 'branch') {
      const branch = await service.restoreToBranch(id, body, who(request));
      return { target: 'branch', backup: await service.get(id), branch, method: branch.copy_method ?? undefined,
        duration_ms: branch.duration_ms ?? undefined, terminated_connections: [] };
    }
    const main = ctx.databases.mainName;
    if (body.confirm !== true && body.confirm !== main) {
      await service.completed(id);
      throw new ApiError(400, 'CONFIRMATION_REQUIRED', `Restoring over the main database replaces ${main}`, {
        detail: { replaces: main },
        hint: `Repeat with {"target": "main", "confirm": true}; the current ${main} is kept as a backup so the restore can be undone`,
      });
    }
    const r = await service.restoreOverMain(id, body, who(request));
    return { target: 'main', backup: r.backup, replaced_backup: r.replaced, method: r.method, duration_ms: r.duration_ms,
      terminated_connections: r.terminated };
  });

  app.get('/api/backups/:id/download', { config: { access: 'dashboard' }, schema: { params: BackupRef } }, async (request, reply) => {
    const backup = await service.completed((request.params as { id: string }).id);
    const stream = await dumpBackup(ctx, backup.database_name);
    return reply
      .header('content-type', 'application/sql; charset=utf-8')
      .header('content-disposition', `attachment; filename="${backup.database_name}.sql"`)
      .send(stream);
  });
}
