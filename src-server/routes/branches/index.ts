// Branches at /api/branches (dashboard) and GET /v1/branches (management API): create, list, reset, activate, drop.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../plugins/auth.js';
import { branchRuntime } from '../../branches/runtime.js';
import {
  ActivateResponse, BranchCreated, BranchList, BranchRef, BranchResponse, ConnectionStringResponse, CreateBranchBody, ResetBranchBody,
} from './schemas.js';

type CreateBody = { label?: string; ttlHours?: number; ttl_hours?: number; parent?: string; terminateConnections?: boolean };

export default async function branchesRoutes(app: FastifyInstance) {
  const ctx = app.trestle;
  const { service, expiry } = branchRuntime(ctx);
  const who = (request: FastifyRequest) => ({ id: request.id, actor: actorOf(request.auth) });
  const isMain = (ref: string) => ref === 'main' || ref === ctx.databases.mainName;

  await service.recoverInterrupted();
  await service.restoreActive();
  expiry.start();
  ctx.onShutdown(() => expiry.stop());

  const list = async () => {
    const branches = await service.list();
    return {
      active_database: ctx.databases.activeDatabaseName,
      active_branch_id: branches.find((b) => b.active)?.id ?? null,
      main: await service.mainInfo(),
      branches,
    };
  };
  app.get('/api/branches', { config: { access: 'dashboard' }, schema: { response: { 200: BranchList } } }, list);
  app.get('/v1/branches', { config: { access: 'service_role' }, schema: { response: { 200: BranchList } } }, list);

  app.post('/api/branches', { config: { access: 'dashboard' }, schema: { body: CreateBranchBody, response: { 201: BranchCreated } } }, async (request, reply) => {
    const body = (request.body ?? {}) as CreateBody;
    const { branch, terminated } = await service.create(
      { label: body.label, ttlHours: body.ttlHours ?? body.ttl_hours, parent: body.parent, terminateConnections: body.terminateConnections },
      who(request));
    return reply.code(201).send({ branch, method: branch.copy_method, duration_ms: branch.duration_ms, terminated_connections: terminated });
  });

  app.get('/api/branches/:id', { config: { access: 'dashboard' }, schema: { params: BranchRef, response: { 200: BranchResponse } } }, async (request) => {
    return { branch: await service.get((request.params as { id: string }).id) };
  });

  app.delete('/api/branches/:id', { config: { access: 'dashboard' }, schema: { params: BranchRef, response: { 200: BranchResponse } } }, async (request) => {
    return { branch: await service.delete((request.params as { id: string }).id, who(request)) };
  });

  app.post('/api/branches/:id/reset', { config: { access: 'dashboard' }, schema: { params: BranchRef, body: ResetBranchBody, response: { 200: BranchCreated } } }, async (request) => {
    const body = (request.body ?? {}) as { terminateConnections?: boolean };
    const { branch, terminated } = await service.reset((request.params as { id: string }).id, who(request), body);
    return { branch, method: branch.copy_method, duration_ms: branch.duration_ms, terminated_connections: terminated };
  });

  /** `main` (or the main database's name) switches back to the main database. */
  app.post('/api/branches/:id/activate', { config: { access: 'dashboard' }, schema: { params: BranchRef, response: { 200: ActivateResponse } } }, async (request) => {
    const { id } = request.params as { id: string };
    if (isMain(id)) {
      const { active_database } = await service.deactivate(who(request));
      return { active_database, branch: null };
    }
    const branch = await service.activate(id, who(request));
    return { active_database: branch.database_name, branch };
  });

  app.post('/api/branches/deactivate', { config: { access: 'dashboard' }, schema: { response: { 200: ActivateResponse } } }, async (request) => {
    const { active_database } = await service.deactivate(who(request));
    return { active_database, branch: null };
  });

  app.get('/api/branches/:id/connection-string', { config: { access: 'dashboard' }, schema: { params: BranchRef, response: { 200: ConnectionStringResponse } } }, async (request) => {
    const { id } = request.params as { id: string };
    const database = isMain(id) ? ctx.databases.mainName : (await service.get(id)).database_name;
    return { database_name: database, connection_string: ctx.postgres.url(database), host: ctx.postgres.host, port: ctx.postgres.port, user: ctx.postgres.user };
  });
}
