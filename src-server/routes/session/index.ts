// The launch-token → session-cookie exchange, and who the dashboard is signed in as.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { actorOf, CSRF_COOKIE, SESSION_COOKIE } from '../../plugins/auth.js';
import { audited } from '../../services/audit.js';

const LaunchQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export default async function sessionRoutes(app: FastifyInstance) {
  const ctx = app.trestle;

  app.get('/auth/launch', { config: { access: 'public' }, schema: { querystring: LaunchQuery } }, async (request, reply) => {
    const { token } = request.query as { token: string };
    const session = await ctx.sessions.exchange(token);
    if (!session) {
      return reply.code(401).type('text/html').send(
        '<!doctype html><meta charset="utf-8"><title>Trestle</title><body style="font-family:sans-serif;padding:2rem">' +
        '<h1>This dashboard link has already been used or is invalid</h1>' +
        '<p>Launch links work once. Restart Trestle (or the desktop app) to get a new one.</p></body>',
      );
    }
    const common = { path: '/', sameSite: 'strict' as const, maxAge: session.maxAgeSeconds, secure: false };
    reply.setCookie(SESSION_COOKIE, session.sessionToken, { ...common, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
    return reply.redirect('/', 303);
  });

  app.get('/api/session', { config: { access: 'dashboard' } }, async (request) => ({
    authenticated: true,
    via: request.auth.kind === 'session' ? 'session' : 'service_role_key',
  }));

  app.post('/api/session/logout', { config: { access: 'dashboard' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      await audited(ctx.databases.control, ctx.audit, { id: request.id, actor: actorOf(request.auth) },
        () => ({ action: 'session.logout', resourceType: 'dashboard_session' }),
        (client) => ctx.sessions.revoke(token, client));
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });
}
