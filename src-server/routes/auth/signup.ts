// POST /auth/v1/signup
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { AuthModule } from '../../auth/module.js';
import { signUp } from '../../auth/flows/signup.js';
import { clientInfo, withoutNulls } from './caller.js';
import { RedirectQuery, SignupBody } from './schemas.js';

export function signupRoutes(app: FastifyInstance, mod: AuthModule) {
  app.post('/signup', { config: { access: 'client' }, schema: { body: SignupBody, querystring: RedirectQuery } }, async (request) => {
    const body = withoutNulls(request.body as Static<typeof SignupBody>);
    const { redirect_to } = request.query as Static<typeof RedirectQuery>;
    return signUp(mod, { ...body, redirect_to }, clientInfo(request));
  });
}
