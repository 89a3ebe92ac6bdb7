// The dashboard's Authentication section (/api/auth/*): users, the local inbox, settings, impersonation tokens.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { getAccount, listAccounts, listInbox } from '../../auth/directory.js';
import { AuthError } from '../../auth/errors.js';
import { createUser, deleteUser, updateUserById } from '../../auth/flows/admin.js';
import { sendOtp } from '../../auth/flows/otp.js';
import { issueImpersonationToken } from '../../auth/impersonate.js';
import type { AuthModule } from '../../auth/module.js';
import { parseHookUri, type AuthSettings } from '../../auth/settings.js';
import { ApiError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { clientInfo } from './caller.js';
import {
  AuthSettingsPatch, AuthSettingsResponse, BanBody, CreateUserBody, DashboardUsers, IdParams, ImpersonationToken, InboxList, InboxQuery, UsersQuery,
} from './dashboard-schemas.js';

/** GoTrue's errors in the dashboard's own error shape. */
async function asApi<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AuthError) throw new ApiError(err.status, err.code.toUpperCase(), err.message, { detail: Object.keys(err.extra).length ? err.extra : null });
    throw err;
  }
}

export function dashboardRoutes(app: FastifyInstance, mod: AuthModule) {
  const config = { access: 'dashboard' as const };
  const id = (request: FastifyRequest) => (request.params as Static<typeof IdParams>).id;
  const settingsBody = (request: FastifyRequest) => ({
    settings: mod.config, jwks: mod.keys.jwks(), issuer_hint: `${clientInfo(request).externalUrl}/auth/v1`,
  });

  app.get('/api/auth/users', { config, schema: { querystring: UsersQuery, response: { 200: DashboardUsers } } }, async (request) => {
    const q = request.query as Static<typeof UsersQuery>;
    return mod.db.transaction((tx) => listAccounts(tx, { limit: q.limit ?? 50, offset: q.offset ?? 0, search: q.search }));
  });
  app.post('/api/auth/users', { config, schema: { body: CreateUserBody } }, async (request, reply) => {
    const body = request.body as Static<typeof CreateUserBody>;
    const user = await asApi(() => createUser(mod, { email: body.email, password: body.password, email_confirm: body.email_confirm ?? true }, clientInfo(request)));
    return reply.code(201).send(user);
  });
  app.get('/api/auth/users/:id', { config, schema: { params: IdParams } }, async (request) => {
    const account = await mod.db.transaction((tx) => getAccount(tx, id(request)));
    if (!account) throw new ApiError(404, 'NOT_FOUND', 'No user with this id');
    return account;
  });
  app.post('/api/auth/users/:id/confirm', { config, schema: { params: IdParams } }, async (request) =>
    asApi(() => updateUserById(mod, id(request), { email_confirm: true }, clientInfo(request))));
  app.post('/api/auth/users/:id/ban', { config, schema: { params: IdParams, body: BanBody } }, async (request) =>
    asApi(() => updateUserById(mod, id(request), { ban_duration: (request.body as Static<typeof BanBody>).duration }, clientInfo(request))));
  app.delete('/api/auth/users/:id', { config, schema: { params: IdParams } }, async (request, reply) => {
    await asApi(() => deleteUser(mod, id(request), false, clientInfo(request)));
    return reply.code(204).send();
  });
  app.post('/api/auth/users/:id/magic-link', { config, schema: { params: IdParams } }, async (request) => {
    const account = await mod.db.transaction((tx) => getAccount(tx, id(request)));
    if (!account?.email) throw new ApiError(400, 'NO_EMAIL', 'This user has no email address to send a magic link to');
    await asApi(() => sendOtp(mod, { email: account.email!, create_user: false }, clientInfo(request)));
    return { sent: true, recipient: account.email };
  });
  app.post('/api/auth/users/:id/token', { config, schema: { params: IdParams, response: { 200: ImpersonationToken } } }, async (request) =>
    asApi(() => issueImpersonationToken(mod, id(request), clientInfo(request))));

  app.get('/api/auth/inbox', { config, schema: { querystring: InboxQuery, response: { 200: InboxList } } }, async (request) => {
    const q = request.query as Static<typeof InboxQuery>;
    return { messages: await mod.db.transaction((tx) => listInbox(tx, { limit: q.limit ?? 100, recipient: q.recipient, after: q.after })) };
  });
  app.delete('/api/auth/inbox', { config }, async (_request, reply) => {
    await mod.db.query('DELETE FROM trestle.auth_messages');
    return reply.code(204).send();
  });

  app.get('/api/auth/settings', { config, schema: { response: { 200: AuthSettingsResponse } } }, async (request) => settingsBody(request));
  app.patch('/api/auth/settings', { config, schema: { body: AuthSettingsPatch, response: { 200: AuthSettingsResponse } } }, async (request) => {
    const patch = request.body as Partial<AuthSettings>;
    const hook = patch.hook_custom_access_token;
    if (hook?.enabled && !parseHookUri(hook.uri)) {
      throw new ApiError(400, 'VALIDATION_ERROR', 'The hook URI must look like pg-functions://postgres/<schema>/<function>');
    }
    await mod.settings.update(patch);
    await mod.ctx.audit.record({ actor: actorOf(request.auth), action: 'auth.settings.update', resourceType: 'auth_settings', detail: { fields: Object.keys(patch) }, requestId: request.id });
    return settingsBody(request);
  });
}
