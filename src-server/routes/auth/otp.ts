// The endpoints that send a message: POST /auth/v1/otp, /recover, /resend
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { recover, resend, sendOtp } from '../../auth/flows/otp.js';
import type { AuthModule } from '../../auth/module.js';
import { clientInfo, withoutNulls } from './caller.js';
import { OtpBody, RecoverBody, RedirectQuery, ResendBody } from './schemas.js';

export function otpRoutes(app: FastifyInstance, mod: AuthModule) {
  const redirectOf = (q: unknown) => (q as Static<typeof RedirectQuery>).redirect_to;
  app.post('/otp', { config: { access: 'client' }, schema: { body: OtpBody, querystring: RedirectQuery } }, async (request) =>
    sendOtp(mod, { ...withoutNulls(request.body as Static<typeof OtpBody>), redirect_to: redirectOf(request.query) }, clientInfo(request)));
  app.post('/magiclink', { config: { access: 'client' }, schema: { body: OtpBody, querystring: RedirectQuery } }, async (request) =>
    sendOtp(mod, { ...withoutNulls(request.body as Static<typeof OtpBody>), redirect_to: redirectOf(request.query) }, clientInfo(request)));
  app.post('/recover', { config: { access: 'client' }, schema: { body: RecoverBody, querystring: RedirectQuery } }, async (request) =>
    recover(mod, { ...withoutNulls(request.body as Static<typeof RecoverBody>), redirect_to: redirectOf(request.query) }, clientInfo(request)));
  app.post('/resend', { config: { access: 'client' }, schema: { body: ResendBody, querystring: RedirectQuery } }, async (request) =>
    resend(mod, { ...withoutNulls(request.body as Static<typeof ResendBody>), redirect_to: redirectOf(request.query) }, clientInfo(request)));
}
