// Public GoTrue endpoints: GET /auth/v1/settings, /health, /authorize (no OAuth providers), /.well-known/jwks.json
import type { FastifyInstance } from 'fastify';
import { authError } from '../../auth/errors.js';
import type { AuthModule } from '../../auth/module.js';

/** What GET /settings says, from the settings (external providers other than email/phone/anonymous are off). */
export function publicSettings(mod: AuthModule) {
  const s = mod.config;
  const off = ['apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab', 'google', 'keycloak', 'kakao', 'linkedin', 'linkedin_oidc', 'notion', 'spotify', 'slack', 'slack_oidc', 'workos', 'twitch', 'twitter', 'zoom'];
  return {
    external: { ...Object.fromEntries(off.map((p) => [p, false])), anonymous_users: s.enable_anonymous_sign_ins, email: true, phone: true },
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
  // signInWithOAuth navigates here: no external provider is configured locally, as GoTrue answers for a disabled one.
  app.get('/authorize', open, async () => {
    throw authError('validation_failed', 'Unsupported provider: provider is not enabled');
  });
  app.get('/.well-known/jwks.json', open, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=600');
    return mod.keys.jwks();
  });
}
