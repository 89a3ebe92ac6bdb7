// The auth module: GoTrue's wire protocol under /auth/v1 (what @supabase/auth-js calls), the Truss identities API,
// and the dashboard's /api/auth. GoTrue routes answer GoTrue's error shape; the others Trestle's.
import type { FastifyInstance } from 'fastify';
import { authErrorBody, toAuthError } from '../../auth/errors.js';
import { AuthModule } from '../../auth/module.js';
import { adminRoutes } from './admin.js';
import { dashboardRoutes } from './dashboard.js';
import { disabledRoutes } from './disabled.js';
import { authorizeRoutes, standInRoutes } from './external.js';
import { identitiesRoutes } from './identities.js';
import { metaRoutes } from './meta.js';
import { mfaRoutes } from './mfa.js';
import { otpRoutes } from './otp.js';
import { signupRoutes } from './signup.js';
import { tokenRoutes } from './token.js';
import { userRoutes } from './user.js';
import { verifyRoutes } from './verify.js';
import { startBeforeReady } from '../module-start.js';

export const API_VERSION = '2024-01-01';

export default async function authRoutes(app: FastifyInstance) {
  const mod = new AuthModule(app.trestle);
  startBeforeReady(app, mod.start());

  await app.register(async (gotrue) => {
    gotrue.addHook('onSend', async (_request, reply) => {
      reply.header('X-Supabase-Api-Version', API_VERSION);
    });
    gotrue.setErrorHandler((err, request, reply) => {
      const e = toAuthError(err);
      if (e.status >= 500) request.log.error({ err }, 'auth request failed');
      else request.log.info({ code: e.code, status: e.status }, e.message);
      if (e.status === 429) reply.header('Retry-After', '60');
      return reply.code(e.status).header('x-sb-error-code', e.code).send(authErrorBody(e));
    });
    for (const routes of [signupRoutes, tokenRoutes, otpRoutes, verifyRoutes, userRoutes, metaRoutes, adminRoutes, mfaRoutes, authorizeRoutes]) routes(gotrue, mod);
    disabledRoutes(gotrue);
  }, { prefix: '/auth/v1' });

  await app.register(standInRoutes(mod));
  identitiesRoutes(app, mod);
  dashboardRoutes(app, mod);
}
