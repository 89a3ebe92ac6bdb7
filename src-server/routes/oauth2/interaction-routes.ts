// The login and consent pages oidc-provider sends the browser to (/oauth2/interaction/:uid): sign in with an auth
// user's email and password (or "continue as" one, for local testing), then allow or deny the app's scopes. Each
// step hands its result back to the provider, which continues the authorization request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Interaction, InteractionResults } from 'oidc-provider';
import type { Static } from '@sinclair/typebox';
import { AuthError } from '../../auth/errors.js';
import { acceptForms } from '../../html/forms.js';
import { PAGE_HEADERS } from '../../html/page.js';
import { consentPage, errorPage, loginPage } from '../../oidc/pages.js';
import { INTERACTION_PATH } from '../../oidc/provider-config.js';
import { oidcProvider } from '../../oidc/provider-module.js';
import type { OidcService } from '../../oidc/service.js';
import { issuerOf } from './issuer.js';
import { InteractionParams, LoginForm } from './schemas.js';

type Details = Interaction;

const LOGIN_ERRORS: Record<string, string> = {
  invalid_credentials: 'Wrong email or password.',
  email_not_confirmed: 'This email address is not confirmed yet (see the inbox on the Authentication page).',
  user_banned: 'This user is banned.',
  over_request_rate_limit: 'Too many failed attempts. Wait a few minutes and try again.',
  validation_failed: 'Enter an email address and a password.',
};

export function interactionRoutes(oidc: OidcService) {
  return async function interactions(scope: FastifyInstance) {
    acceptForms(scope);
    const page = { config: { access: 'public' as const }, schema: { params: InteractionParams } };
    const form = { config: { access: 'public' as const }, schema: { params: InteractionParams, body: LoginForm } };

    const send = (reply: FastifyReply, html: string, status = 200) => reply.code(status).headers(PAGE_HEADERS).send(html);

    /** The pending interaction this browser (its interaction cookie) has for this uid, or an error page. */
    async function details(request: FastifyRequest, reply: FastifyReply): Promise<Details | undefined> {
      const { uid } = request.params as Static<typeof InteractionParams>;
      try {
        const d = await (await oidc.providerFor(issuerOf(request))).interactionDetails(request.raw, reply.raw);
        if (d.uid === uid) return d;
      } catch (err) {
        // No interaction cookie, or the interaction expired: the provider says so; anything else is a real failure.
        if (!(err instanceof oidcProvider().errors.OIDCProviderError)) throw err;
      }
      send(reply, errorPage({ error: 'invalid_request', error_description: 'This sign-in request has expired or was started in another browser. Start again from the app.' }), 400);
      return undefined;
    }

    async function finish(request: FastifyRequest, reply: FastifyReply, result: InteractionResults) {
      const to = await (await oidc.providerFor(issuerOf(request))).interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
      return reply.redirect(to, 303);
    }

    async function clientName(request: FastifyRequest, d: Details): Promise<string> {
      const client = await (await oidc.providerFor(issuerOf(request))).Client.find(String(d.params.client_id));
      return client?.clientName ?? String(d.params.client_id);
    }

    async function renderLogin(request: FastifyRequest, reply: FastifyReply, d: Details, error?: { message: string; email?: string }) {
      const base = `${INTERACTION_PATH}/${encodeURIComponent(d.uid)}`;
      const html = loginPage({
        action: `${base}/login`, abort: `${base}/abort`, clientName: await clientName(request, d),
        users: await oidc.accounts.recent(), error: error?.message, email: error?.email,
      });
      return send(reply, html, error ? 401 : 200);
    }

    scope.get(`${INTERACTION_PATH}/:uid`, page, async (request, reply) => {
      const d = await details(request, reply);
      if (!d) return reply;
      if (d.prompt.name === 'login') return renderLogin(request, reply, d);
      const base = `${INTERACTION_PATH}/${encodeURIComponent(d.uid)}`;
      const account = d.session?.accountId ? await oidc.accounts.label(d.session.accountId) : undefined;
      const requested = String(d.params.scope ?? '').split(' ').filter(Boolean);
      return send(reply, consentPage({
        action: `${base}/confirm`, abort: `${base}/abort`, clientName: await clientName(request, d), userLabel: account ?? 'unknown user', scopes: requested,
      }));
    });

    scope.post(`${INTERACTION_PATH}/:uid/login`, form, async (request, reply) => {
      const d = await details(request, reply);
      if (!d) return reply;
      if (d.prompt.name !== 'login') return send(reply, errorPage({ error: 'invalid_request', error_description: 'This sign-in step is already done.' }), 400);
      const body = (request.body ?? {}) as Static<typeof LoginForm>;
      let accountId: string | undefined;
      if (body.account) {
        accountId = await oidc.accounts.checkChoice(body.account);
        if (!accountId) return renderLogin(request, reply, d, { message: 'That user can no longer sign in.' });
      } else {
        try {
          accountId = await oidc.accounts.checkPassword(body.email ?? '', body.password ?? '', request.ip);
        } catch (err) {
          if (!(err instanceof AuthError)) throw err;
          return renderLogin(request, reply, d, { message: LOGIN_ERRORS[err.code] ?? err.message, email: body.email });
        }
      }
      return finish(request, reply, { login: { accountId, amr: [body.account ? 'local' : 'pwd'] } });
    });

    scope.post(`${INTERACTION_PATH}/:uid/confirm`, page, async (request, reply) => {
      const d = await details(request, reply);
      if (!d) return reply;
      if (d.prompt.name !== 'consent' || !d.session?.accountId) return send(reply, errorPage({ error: 'invalid_request', error_description: 'Nothing to allow here.' }), 400);
      const grantId = await oidc.grantConsent(issuerOf(request), d);
      return finish(request, reply, { consent: { grantId } });
    });

    scope.post(`${INTERACTION_PATH}/:uid/abort`, page, async (request, reply) => {
      const d = await details(request, reply);
      if (!d) return reply;
      return finish(request, reply, { error: 'access_denied', error_description: 'The user cancelled the sign-in' });
    });
  };
}
