// Public GoTrue endpoints: GET /auth/v1/settings, /health, /.well-known/jwks.json
import type { FastifyInstance } from 'fastify';
import { EXTERNAL_PROVIDERS } from '../../auth/external/providers.js';
import type { AuthModule } from '../../auth/module.js';

/** What GET /settings says, from the settings (social providers are on while the local stand-in answers for them). */
export function publicSettings(mod: AuthModule) {
  const s = mod.config;
  return {
    external: { ...Object.fromEntries(EXTERNAL_PROVIDERS.map((p) => [p, s.oauth_stand_in_enabled])), anonymous_users: s.enable_anonymous_sign_ins, email: true, phone: true },
    disable_signup: s.disable_signup,
    mailer_autoconfirm: !s.enable_confirmations,
    phone_autoconfirm: !s.enable_phone_confirmations,
    sms_provider: 'inbox',
    saml_enabled: false,
  };
}

export function metaRoutes(app: FastifyInstance, mod: AuthModule) {
  const open = { config: { access: 'public' as const, cors: true } };
  app.get('/settings', open, async () => publicSettings(mod));
  app.get('/health', open, async () => ({ version: `trestle-${app.trestle.version}`, name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' }));
  app.get('/.well-known/jwks.json', open, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=600');
    return mod.keys.jwks();
  });
}
