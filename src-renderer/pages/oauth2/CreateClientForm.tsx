import { useState, type FormEvent } from 'react';
import type { CreateOAuth2Client, OAuth2ClientType, OAuth2GrantType } from '../../data/oauth2/types';

const GRANTS: Array<[OAuth2GrantType, string]> = [
  ['authorization_code', 'Authorization code (users sign in)'],
  ['refresh_token', 'Refresh tokens'],
  ['client_credentials', 'Client credentials (machine to machine)'],
];
const SCOPES = ['openid', 'profile', 'email', 'phone', 'offline_access'];

const lines = (text: string) => text.split('\n').map((s) => s.trim()).filter(Boolean);

/** Register an app: name, public or confidential, redirect URIs (exact; `http://localhost:*` for any port), grants, scopes. */
export function CreateClientForm({ onCreate, busy }: { onCreate: (input: CreateOAuth2Client) => void; busy: boolean }) {
  const [name, setName] = useState('');
  const [clientType, setClientType] = useState<OAuth2ClientType>('confidential');
  const [redirects, setRedirects] = useState('http://localhost:3000/auth/callback');
  const [grants, setGrants] = useState<OAuth2GrantType[]>(['authorization_code', 'refresh_token']);
  const [scopes, setScopes] = useState<string[]>(['openid', 'profile', 'email', 'offline_access']);
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onCreate({ name: name.trim(), client_type: clientType, redirect_uris: lines(redirects), grant_types: grants, scopes });
    setName('');
  };
  return (
    <form className="card" onSubmit={submit} data-testid="oauth-create-form">
      <h2>Register an app</h2>
      <div className="row">
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} placeholder="e.g. my Next.js app" data-testid="oauth-create-name" />
        </label>
        <label className="field">
          <span>Type</span>
          <select value={clientType} onChange={(e) => setClientType(e.target.value as OAuth2ClientType)} data-testid="oauth-create-type">
            <option value="confidential">confidential (a server; has a secret)</option>
            <option value="public">public (browser or mobile; PKCE, no secret)</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span>Redirect URIs, one per line (exact match; http://localhost:*/path allows any port)</span>
        <textarea rows={3} value={redirects} onChange={(e) => setRedirects(e.target.value)} data-testid="oauth-create-redirects" />
      </label>
      <div className="row top">
        <fieldset className="field">
          <span>Grant types</span>
          {GRANTS.map(([g, label]) => (
            <label key={g} className="toggle">
              <input type="checkbox" checked={grants.includes(g)} onChange={() => setGrants(toggle(grants, g))} data-testid={`oauth-grant-${g}`} /> {label}
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <span>Scopes</span>
          {SCOPES.map((s) => (
            <label key={s} className="toggle">
              <input type="checkbox" checked={scopes.includes(s)} onChange={() => setScopes(toggle(scopes, s))} /> <code>{s}</code>
            </label>
          ))}
        </fieldset>
      </div>
      <div className="row">
        <span className="spacer" />
        <button type="submit" className="btn btn-primary" disabled={busy || !name.trim() || grants.length === 0} data-testid="oauth-create-submit">
          {busy ? 'Registering…' : 'Register app'}
        </button>
      </div>
    </form>
  );
}
