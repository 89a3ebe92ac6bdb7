// The signed-in user's endpoints: GET/PUT /auth/v1/user, POST /logout, GET /reauthenticate
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { getUser, logout, reauthenticate, updateCurrentUser } from '../../auth/flows/user.js';
import type { AuthModule } from '../../auth/module.js';
import { clientInfo, requireUser, withoutNulls } from './caller.js';
import { LogoutQuery, RedirectQuery, UserUpdateBody } from './schemas.js';

export function userRoutes(app: FastifyInstance, mod: AuthModule) {
  app.get('/user', { config: { access: 'client' } }, async (request) => getUser(mod, requireUser(request)));
  app.put('/user', { config: { access: 'client' }, schema: { body: UserUpdateBody, querystring: RedirectQuery } }, async (request) => {
    const claims = requireUser(request);
    const body = withoutNulls(request.body as Static<typeof UserUpdateBody>);
    return updateCurrentUser(mod, claims, { ...body, redirect_to: (request.query as Static<typeof RedirectQuery>).redirect_to }, clientInfo(request));
  });
  app.post('/logout', { config: { access: 'client' }, schema: { querystring: LogoutQuery } }, async (request, reply) => {
    await logout(mod, requireUser(request), (request.query as Static<typeof LogoutQuery>).scope);
    return reply.code(204).send();
  });
  app.get('/reauthenticate', { config: { access: 'client' } }, async (request) => reauthenticate(mod, requireUser(request)));
}
