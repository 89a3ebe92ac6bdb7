// Social sign-in with a local stand-in for the provider (GoTrue's api/external.go flow, minus the real provider):
// GET /authorize checks the provider and the PKCE parameters, opens the flow and sends the browser to the stand-in
// page; the identity picked there is signed in as GoTrue's callback would (identity found → that user; else a user
// with the same email is linked; else a new user), and the browser goes back to redirect_to with the session in the
// fragment (implicit) or `?code=` for /token?grant_type=pkce.
import crypto from 'node:crypto';
import type { Tx } from '../db.js';
import { authError, AuthError } from '../errors.js';
import { createFlowState, issueFlowAuthCode } from '../flow-state.js';
import type { AuthModule, ClientInfo } from '../module.js';
import { resolveRedirect } from '../redirects.js';
import { addProvider, findUserByEmail, findUserById, insertUser, isBanned, updateUser, type User } from '../users.js';
import { normalizeEmail, pkceOf, type PkceParams } from '../validate.js';
import { identityData, isExternalProvider, providerIdFor, type ExternalProvider, type StandInIdentity } from '../external/providers.js';
import { readState, signState, STATE_LIFETIME_S, type StandInState } from '../external/state.js';

export const STAND_IN_PATH = '/auth/v1/stand-in';

export interface AuthorizeInput extends PkceParams {
  provider?: string;
  redirect_to?: string;
}

/** /authorize: where the browser goes next (the stand-in page) and the nonce its cookie must carry. */
export async function startExternal(mod: AuthModule, input: AuthorizeInput, client: ClientInfo): Promise<{ location: string; nonce: string }> {
  const provider = input.provider ?? '';
  if (!mod.config.oauth_stand_in_enabled) throw authError('validation_failed', 'Unsupported provider: provider is not enabled');
  if (!isExternalProvider(provider)) throw authError('validation_failed', `Unsupported provider: Provider ${provider.slice(0, 50)} could not be found`);
  const pkce = pkceOf(input);
  const redirectTo = resolveRedirect(input.redirect_to, client.referer, mod.config);
  const flowStateId = pkce ? await mod.tx((tx) => createFlowState(tx, null, pkce, 'oauth', provider)) : null;
  const nonce = crypto.randomBytes(16).toString('base64url');
  const state: StandInState = { provider, redirectTo, flowStateId, nonce, exp: Math.floor(Date.now() / 1000) + STATE_LIFETIME_S };
  return { location: `${STAND_IN_PATH}?${new URLSearchParams({ state: signState(state, mod.ctx.jwtSecret) })}`, nonce };
}

/** The state of a stand-in page request, if it is genuine, unexpired and from the browser that started it. */
export function standInState(mod: AuthModule, token: string | undefined, cookieNonce: string | undefined): StandInState | null {
  const state = token ? readState(token, mod.ctx.jwtSecret) : null;
  if (!state || !cookieNonce || state.nonce !== cookieNonce) return null;
  return state;
}

const now = () => new Date().toISOString();

/** GoTrue's account linking: the identity's user, else the user with its (provider-verified) email, else a new user. */
async function userForIdentity(mod: AuthModule, tx: Tx, provider: ExternalProvider, identity: StandInIdentity): Promise<{ user: User; created: boolean }> {
  const data = identityData(provider, identity);
  const json = JSON.stringify(data);
  const { rows: [known] } = await tx.query<{ id: string; user_id: string }>(
    `SELECT id, user_id FROM auth.identities WHERE provider = $1 AND provider_id = $2 FOR UPDATE`, [provider, identity.providerId]);
  let created = false;
  let userId: string;
  if (known) {
    userId = known.user_id;
    await tx.query(`UPDATE auth.identities SET identity_data = $2, last_sign_in_at = now(), updated_at = now() WHERE id = $1`, [known.id, json]);
    await tx.query(`UPDATE auth.users SET raw_user_meta_data = coalesce(raw_user_meta_data, '{}') || $2::jsonb, updated_at = now() WHERE id = $1`, [userId, json]);
  } else {
    const existing = await findUserByEmail(tx, identity.email);
    if (existing) {
      userId = existing.id;
    } else {
      if (mod.config.disable_signup) throw authError('signup_disabled');
      const user = await insertUser(tx, {
        email: identity.email, email_confirmed_at: now(), aud: 'authenticated', role: 'authenticated',
        raw_app_meta_data: { provider, providers: [provider] }, raw_user_meta_data: data,
      });
      userId = user.id;
      created = true;
    }
    await tx.query(
      `INSERT INTO auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, now(), now(), now())`, [identity.providerId, userId, json, provider]);
  }
  const user = (await findUserById(tx, userId, true))!;
  if (isBanned(user)) throw authError('user_banned');
  // Linked to an account whose email was never confirmed: its unconfirmed password goes (GoTrue's
  // RemoveUnconfirmedIdentities) and the provider's verified email confirms it.
  if (!user.email_confirmed_at) await updateUser(tx, user.id, { encrypted_password: '', email_confirmed_at: now() });
  await addProvider(tx, user, provider);
  return { user: (await findUserById(tx, userId))!, created };
}

/** The identity picked on the stand-in page, checked. */
export function standInIdentity(provider: ExternalProvider, input: { email?: string; name?: string; user_name?: string; avatar_url?: string; provider_id?: string }): StandInIdentity {
  const email = normalizeEmail(input.email ?? '');
  const avatar = input.avatar_url?.trim();
  if (avatar && !/^https?:\/\/\S+$/.test(avatar)) throw authError('validation_failed', 'The avatar must be an http(s) URL');
  const providerId = input.provider_id?.trim() || providerIdFor(provider, email);
  if (!/^[\w.@:-]{1,255}$/.test(providerId)) throw authError('validation_failed', 'The provider user id may only hold letters, digits and . _ @ : -');
  return { providerId, email, name: input.name?.trim() || email.split('@')[0], userName: input.user_name?.trim() || undefined, avatarUrl: avatar || undefined };
}

function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/** Back to the app with an error, where the flow's client looks for it (query for PKCE, fragment for implicit). */
export function externalErrorRedirect(state: StandInState, error: string, description: string, code = error): string {
  const params = { error, error_code: code, error_description: description };
  return state.flowStateId ? withQuery(state.redirectTo, params) : `${state.redirectTo}#${new URLSearchParams(params)}`;
}

/** Signs the picked identity in and returns where the browser goes: redirect_to with the session or the auth code. */
export async function completeExternal(mod: AuthModule, state: StandInState, identity: StandInIdentity, client: ClientInfo): Promise<string> {
  try {
    const outcome = await mod.tx(async (tx) => {
      const { user, created } = await userForIdentity(mod, tx, state.provider, identity);
      if (state.flowStateId) {
        const code = await issueFlowAuthCode(tx, state.flowStateId, user.id);
        if (!code) throw authError('flow_state_not_found');
        return { user, created, location: withQuery(state.redirectTo, { code }) };
      }
      const s = await mod.signIn(tx, user, 'oauth', client);
      const fragment = new URLSearchParams({
        access_token: s.access_token, expires_at: String(s.expires_at), expires_in: String(s.expires_in),
        provider_token: '', refresh_token: s.refresh_token, token_type: 'bearer',
      });
      return { user, created, location: `${state.redirectTo}#${fragment}` };
    });
    await mod.audit(client, outcome.created ? 'auth.user.signup' : 'auth.user.login', outcome.user.id, { provider: state.provider, stand_in: true });
    return outcome.location;
  } catch (err) {
    if (!(err instanceof AuthError) || err.status >= 500) throw err;
    return externalErrorRedirect(state, 'access_denied', err.message, err.code);
  }
}

/** Identities of a provider signed in before, newest first, for the page's "pick" list. */
export async function knownIdentities(mod: AuthModule, provider: ExternalProvider, limit = 12) {
  const { rows } = await mod.tx((tx) => tx.query<{ id: string; provider_id: string; email: string | null; name: string | null; user_name: string | null; avatar_url: string | null }>(
    `SELECT id::text, provider_id, identity_data ->> 'email' AS email, coalesce(identity_data ->> 'full_name', identity_data ->> 'name') AS name,
            identity_data ->> 'user_name' AS user_name, identity_data ->> 'avatar_url' AS avatar_url
       FROM auth.identities WHERE provider = $1 ORDER BY last_sign_in_at DESC NULLS LAST, created_at DESC LIMIT $2`, [provider, limit]));
  return rows;
}
