// MFA endpoints (/auth/v1/factors…): TOTP is not offered by this build, so they answer GoTrue's "disabled" errors,
// which auth-js surfaces as AuthApiError with the code. Listing factors works (a user has none).
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { authError } from '../../auth/errors.js';
import type { AuthModule } from '../../auth/module.js';
import { requireUser, withoutNulls } from './caller.js';
import { FactorEnrollBody, FactorParams } from './schemas.js';

export function mfaRoutes(app: FastifyInstance, _mod: AuthModule) {
  const config = { access: 'client' as const };
  app.post('/factors', { config, schema: { body: FactorEnrollBody } }, async (request) => {
    await requireUser(request);
    const type = withoutNulls(request.body as Static<typeof FactorEnrollBody>).factor_type;
    if (type === 'phone') throw authError('mfa_phone_enroll_not_enabled');
    if (type === 'webauthn') throw authError('mfa_webauthn_enroll_not_enabled');
    if (type !== 'totp') throw authError('validation_failed', 'factor_type needs to be totp, phone or webauthn');
    throw authError('mfa_totp_enroll_not_enabled');
  });
  app.post('/factors/:factorId/challenge', { config, schema: { params: FactorParams } }, async (request) => {
    await requireUser(request);
    throw authError('mfa_factor_not_found');
  });
  app.post('/factors/:factorId/verify', { config, schema: { params: FactorParams } }, async (request) => {
    await requireUser(request);
    throw authError('mfa_totp_verify_not_enabled');
  });
  app.delete('/factors/:factorId', { config, schema: { params: FactorParams } }, async (request) => {
    await requireUser(request);
    throw authError('mfa_factor_not_found');
  });
}
