// The ready-to-paste openid-client (v6) code for a registered client: discovery against Trestle's issuer, then the
// authorization code flow with PKCE (or client credentials for a machine client).
import type { OAuth2Client } from '../../data/oauth2/types';

export function openidClientSnippet(issuer: string, client: OAuth2Client, secret?: string | null): string {
  const confidential = client.client_type === 'confidential';
  const secretArg = confidential ? `'${secret ?? '<client secret, shown once when the app was created>'}'` : 'undefined';
  const head = `import * as client from 'openid-client';

const config = await client.discovery(
  new URL('${issuer}'),
  '${client.client_id}',
  ${secretArg},${confidential ? '' : '\n  client.None(), // a public client: PKCE instead of a secret'}
  ${confidential ? 'undefined,\n  ' : ''}{ execute: [client.allowInsecureRequests] }, // Trestle serves http on this machine
);
`;
  if (!client.grant_types.includes('authorization_code')) {
    return `${head}
const tokens = await client.clientCredentialsGrant(config);
console.log(tokens.access_token); // an RS256 JWT, verifiable with ${issuer}/oauth2/jwks
`;
  }
  const scope = client.scopes.filter((s) => s !== 'offline_access').join(' ') || 'openid';
  return `${head}
// 1. Send the user to Trestle's sign-in page.
const code_verifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const url = client.buildAuthorizationUrl(config, {
  redirect_uri: '${client.redirect_uris[0]?.replace(':*', ':3000') ?? ''}',
  scope: '${scope}',
  code_challenge: await client.calculatePKCECodeChallenge(code_verifier),
  code_challenge_method: 'S256',
  state,
});

// 2. Back at the redirect URI (currentUrl: the full URL the browser came back to).
const tokens = await client.authorizationCodeGrant(config, new URL(currentUrl), { pkceCodeVerifier: code_verifier, expectedState: state });
const claims = tokens.claims(); // sub, email, name… of the signed-in user
const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
${client.grant_types.includes('refresh_token') ? 'const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);\n' : ''}`;
}
