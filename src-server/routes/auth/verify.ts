// POST /auth/v1/verify (OTP or token hash → session) and GET /auth/v1/verify (the emailed link, opened in a browser)
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { verifyLinkRedirect, verifyPost } from '../../auth/flows/verify.js';
import type { AuthModule } from '../../auth/module.js';
import { clientInfo, withoutNulls } from './caller.js';
import { VerifyBody, VerifyQuery } from './schemas.js';

export function verifyRoutes(app: FastifyInstance, mod: AuthModule) {
  app.post('/verify', { config: { access: 'client' }, schema: { body: VerifyBody } }, async (request) =>
    verifyPost(mod, withoutNulls(request.body as Static<typeof VerifyBody>), clientInfo(request)));
  app.get('/verify', { config: { access: 'public', cors: true }, schema: { querystring: VerifyQuery } }, async (request, reply) => {
    const location = await verifyLinkRedirect(mod, request.query as Static<typeof VerifyQuery>, clientInfo(request));
    return reply.redirect(location, 303);
  });
}
