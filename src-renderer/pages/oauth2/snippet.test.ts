import { describe, expect, it } from 'vitest';
import { openidClientSnippet } from './snippet';
import type { OAuth2Client } from '../../data/oauth2/types';

const base: OAuth2Client = {
  client_id: '6f1c2b7e-0000-4000-8000-000000000001', name: 'App', client_type: 'confidential', redirect_uris: ['http://localhost:*/callback'],
  post_logout_redirect_uris: [], grant_types: ['authorization_code', 'refresh_token'], scopes: ['openid', 'email', 'offline_access'], created_at: '',
};

describe('openidClientSnippet', () => {
  it('a confidential web app: its secret, PKCE, a concrete port for a :* redirect, refresh', () => {
    const s = openidClientSnippet('http://localhost:8787', base, 's3cret');
    expect(s).toContain(`new URL('http://localhost:8787')`);
    expect(s).toContain(`'${base.client_id}',\n  's3cret',`);
    expect(s).toContain(`redirect_uri: 'http://localhost:3000/callback'`);
    expect(s).toContain(`scope: 'openid email'`);
    expect(s).toContain('refreshTokenGrant');
  });

  it('a public app: no secret, client.None(); a machine client: client credentials', () => {
    expect(openidClientSnippet('http://localhost:8787', { ...base, client_type: 'public', grant_types: ['authorization_code'] })).toContain('client.None()');
    const machine = openidClientSnippet('http://localhost:8787', { ...base, grant_types: ['client_credentials'], redirect_uris: [] });
    expect(machine).toContain('clientCredentialsGrant(config)');
    expect(machine).not.toContain('buildAuthorizationUrl');
    expect(machine).toContain('<client secret, shown once');
  });
});
