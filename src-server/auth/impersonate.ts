// The dashboard's "copy a fresh access token" and impersonation: a real session for the user (so /auth/v1/user and
// logout accept the token) with amr `impersonation`, recorded in the audit log.
import { authError } from './errors.js';
import type { AuthModule, ClientInfo } from './module.js';
import { findUserById } from './users.js';

export async function issueImpersonationToken(mod: AuthModule, userId: string, client: ClientInfo) {
  const result = await mod.tx(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw authError('user_not_found');
    const grant = await mod.sessions.create(tx, user.id, 'impersonation', client);
    const { token, expiresAt, claims } = await mod.tokens.accessToken(tx, user, grant, 'impersonation', mod.issuer(client), mod.config);
    return { access_token: token, expires_at: expiresAt, claims };
  });
  await mod.audit(client, 'auth.user.impersonate', userId);
  return result;
}
