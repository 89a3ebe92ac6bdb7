// Social sign-in against the local stand-in: GET /auth/v1/authorize (signInWithOAuth navigates here; GoTrue's errors)
// and the stand-in page GET|POST /auth/v1/stand-in (HTML, a form post completes the sign-in with a 303 to the app).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { AuthError } from '../../auth/errors.js';
import { standInPage } from '../../auth/external/page.js';
import { STATE_LIFETIME_S, type StandInState } from '../../auth/external/state.js';
import {
  completeExternal, externalErrorRedirect, knownIdentities, standInIdentity, standInState, startExternal, STAND_IN_PATH,
} from '../../auth/flows/external.js';
import type { AuthModule } from '../../auth/module.js';
import { acceptForms } from '../../html/forms.js';
import { errorNotice, PAGE_HEADERS, renderPage } from '../../html/page.js';
import { clientInfo } from './caller.js';
import { AuthorizeQuery, StandInForm, StandInQuery } from './schemas.js';

/** Binds the state to the browser that started the sign-in. */
const NONCE_COOKIE = 'trestle_oauth_stand_in';

/** GET /authorize, inside the GoTrue scope (its errors are GoTrue's JSON errors). */
export function authorizeRoutes(app: FastifyInstance, mod: AuthModule) {
  app.get('/authorize', { config: { access: 'public' }, schema: { querystring: AuthorizeQuery } }, async (request, reply) => {
    const { location, nonce } = await startExternal(mod, request.query as Static<typeof AuthorizeQuery>, clientInfo(request));
    reply.setCookie(NONCE_COOKIE, nonce, { path: STAND_IN_PATH, httpOnly: true, sameSite: 'lax', secure: false, maxAge: STATE_LIFETIME_S });
    return reply.redirect(location, 302);
  });
}

/** The stand-in page (HTML), registered at the root: it is a page, not a GoTrue endpoint. */
export function standInRoutes(mod: AuthModule) {
  return async function standIn(scope: FastifyInstance) {
    acceptForms(scope);
    const expired = (reply: FastifyReply) => reply.code(400).headers(PAGE_HEADERS).send(renderPage({
      title: 'Sign-in expired', tag: 'local stand-in',
      body: `<div class="card" data-testid="stand-in-expired"><h1>This sign-in has expired</h1>${errorNotice('It was started more than 15 minutes ago, or in another browser. Start again from the app.')}</div>`,
    }));

    async function render(reply: FastifyReply, token: string, state: StandInState, error?: AuthError, draft?: Static<typeof StandInForm>) {
      const html = standInPage({
        action: STAND_IN_PATH, state: token, provider: state.provider, redirectTo: state.redirectTo,
        known: await knownIdentities(mod, state.provider), error: error?.message, draft,
      });
      return reply.code(error ? 400 : 200).headers(PAGE_HEADERS).send(html);
    }

    const stateOf = (request: FastifyRequest, token: string | undefined) => standInState(mod, token, request.cookies[NONCE_COOKIE]);

    scope.get(STAND_IN_PATH, { config: { access: 'public' }, schema: { querystring: StandInQuery } }, async (request, reply) => {
      const token = (request.query as Static<typeof StandInQuery>).state;
      const state = stateOf(request, token);
      return state ? render(reply, token!, state) : expired(reply);
    });

    scope.post(STAND_IN_PATH, { config: { access: 'public' }, schema: { body: StandInForm } }, async (request, reply) => {
      const form = (request.body ?? {}) as Static<typeof StandInForm>;
      const state = stateOf(request, form.state);
      if (!state) return expired(reply);
      let identity;
      if (!form.deny) {
        try {
          identity = standInIdentity(state.provider, form);
        } catch (err) {
          // The page again, with the error: the same state (and cookie) stay valid for the next try.
          if (err instanceof AuthError) return render(reply, form.state!, state, err, form);
          throw err;
        }
      }
      // The state is used up: a replayed form post finds no cookie.
      reply.clearCookie(NONCE_COOKIE, { path: STAND_IN_PATH });
      if (!identity) return reply.redirect(externalErrorRedirect(state, 'access_denied', `The user denied the ${state.provider} sign-in`), 303);
      return reply.redirect(await completeExternal(mod, state, identity, clientInfo(request)), 303);
    });
  };
}
