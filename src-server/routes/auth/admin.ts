// GoTrue's admin API (service_role): /auth/v1/admin/users[/:id], /admin/generate_link, /invite
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { createUser, deleteUser, generateLink, getUserById, inviteUser, listUsers, updateUserById } from '../../auth/flows/admin.js';
import { deleteFactorAsAdmin } from '../../auth/flows/mfa.js';
import type { AuthModule } from '../../auth/module.js';
import { clientInfo, requireAdmin, withoutNulls } from './caller.js';
import { AdminFactorParams, AdminListQuery, AdminUserBody, DeleteUserBody, GenerateLinkBody, InviteBody, RedirectQuery, UserIdParams } from './schemas.js';

/**
 * GoTrue's pagination headers (api/pagination.go). auth-js reads a link's page as the first character after its
 * first `=`, so `page` comes first in each link, and rel is double-quoted.
 */
export function paginationLinks(path: string, page: number, perPage: number, total: number): string {
  const last = Math.max(1, Math.ceil(total / perPage));
  const link = (p: number) => `<${path}?page=${p}&per_page=${perPage}>`;
  const parts: string[] = [];
  if (page < last) parts.push(`${link(page + 1)}; rel="next"`);
  parts.push(`${link(last)}; rel="last"`);
  return parts.join(', ');
}

export function adminRoutes(app: FastifyInstance, mod: AuthModule) {
  const admin = { access: 'client' as const };
  const guard = (request: FastifyRequest) => {
    requireAdmin(request);
    return clientInfo(request);
  };

  app.get('/admin/users', { config: admin, schema: { querystring: AdminListQuery } }, async (request, reply) => {
    guard(request);
    const q = request.query as Static<typeof AdminListQuery>;
    const page = Number(q.page) || 1;
    const perPage = Math.min(Number(q.per_page) || 50, 1000);
    const { users, total } = await listUsers(mod, page, perPage, q.filter || undefined);
    reply.header('X-Total-Count', String(total));
    reply.header('Link', paginationLinks('/auth/v1/admin/users', page, perPage, total));
    return { users, aud: 'authenticated' };
  });
  app.post('/admin/users', { config: admin, schema: { body: AdminUserBody } }, async (request) =>
    createUser(mod, withoutNulls(request.body as Static<typeof AdminUserBody>), guard(request)));
  app.get('/admin/users/:id', { config: admin, schema: { params: UserIdParams } }, async (request) => {
    guard(request);
    return getUserById(mod, (request.params as Static<typeof UserIdParams>).id);
  });
  app.put('/admin/users/:id', { config: admin, schema: { params: UserIdParams, body: AdminUserBody } }, async (request) =>
    updateUserById(mod, (request.params as Static<typeof UserIdParams>).id, withoutNulls(request.body as Static<typeof AdminUserBody>), guard(request)));
  app.delete('/admin/users/:id', { config: admin, schema: { params: UserIdParams, body: DeleteUserBody } }, async (request) => {
    const client = guard(request);
    const body = request.body as Static<typeof DeleteUserBody>;
    return deleteUser(mod, (request.params as Static<typeof UserIdParams>).id, Boolean(body?.should_soft_delete), client);
  });
  app.get('/admin/users/:id/factors', { config: admin, schema: { params: UserIdParams } }, async (request) => {
    guard(request);
    const user = await getUserById(mod, (request.params as Static<typeof UserIdParams>).id);
    return (user.factors as unknown[] | undefined) ?? [];
  });
  app.delete('/admin/users/:id/factors/:factorId', { config: admin, schema: { params: AdminFactorParams } }, async (request) => {
    guard(request);
    const { id, factorId } = request.params as Static<typeof AdminFactorParams>;
    return deleteFactorAsAdmin(mod, id, factorId);
  });
  app.post('/admin/generate_link', { config: admin, schema: { body: GenerateLinkBody, querystring: RedirectQuery } }, async (request) => {
    const client = guard(request);
    const body = withoutNulls(request.body as Static<typeof GenerateLinkBody>);
    return generateLink(mod, { ...body, redirect_to: body.redirect_to ?? (request.query as Static<typeof RedirectQuery>).redirect_to }, client);
  });
  app.post('/invite', { config: admin, schema: { body: InviteBody, querystring: RedirectQuery } }, async (request) =>
    inviteUser(mod, { ...withoutNulls(request.body as Static<typeof InviteBody>), redirect_to: (request.query as Static<typeof RedirectQuery>).redirect_to }, guard(request)));
}
