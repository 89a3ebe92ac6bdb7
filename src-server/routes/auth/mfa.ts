// MFA endpoints: POST /auth/v1/factors (enroll), /factors/:id/challenge, /factors/:id/verify, DELETE /factors/:id
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { challengeFactor, enrollFactor, unenrollFactor, verifyFactor } from '../../auth/flows/mfa.js';
import type { AuthModule } from '../../auth/module.js';
import { clientInfo, requireUser, withoutNulls } from './caller.js';
import { FactorEnrollBody, FactorParams, FactorVerifyBody } from './schemas.js';

export function mfaRoutes(app: FastifyInstance, mod: AuthModule) {
  const config = { access: 'client' as const };
  const factorId = (request: FastifyRequest) => (request.params as Static<typeof FactorParams>).factorId;
  app.post('/factors', { config, schema: { body: FactorEnrollBody } }, async (request) =>
    enrollFactor(mod, requireUser(request), withoutNulls(request.body as Static<typeof FactorEnrollBody>), clientInfo(request)));
  app.post('/factors/:factorId/challenge', { config, schema: { params: FactorParams } }, async (request) =>
    challengeFactor(mod, requireUser(request), factorId(request), clientInfo(request)));
  app.post('/factors/:factorId/verify', { config, schema: { params: FactorParams, body: FactorVerifyBody } }, async (request) =>
    verifyFactor(mod, requireUser(request), factorId(request), withoutNulls(request.body as Static<typeof FactorVerifyBody>), clientInfo(request)));
  app.delete('/factors/:factorId', { config, schema: { params: FactorParams } }, async (request) =>
    unenrollFactor(mod, requireUser(request), factorId(request)));
}
