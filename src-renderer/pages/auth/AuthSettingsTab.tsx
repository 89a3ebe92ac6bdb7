import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAuthSettingsMutation, useAuthSettingsQuery } from '../../data/auth/auth-settings-query';
import type { AuthSettings } from '../../data/auth/types';

type Flag = 'enable_confirmations' | 'enable_anonymous_sign_ins' | 'disable_signup' | 'enable_phone_confirmations' | 'refresh_token_rotation_enabled' | 'mfa_totp_enabled' | 'oauth_stand_in_enabled';
const FLAGS: Array<[Flag, string]> = [
  ['enable_confirmations', 'Users must confirm their email before signing in'],
  ['enable_phone_confirmations', 'Users must confirm their phone before signing in'],
  ['enable_anonymous_sign_ins', 'Allow anonymous sign-ins'],
  ['disable_signup', 'Disable new sign-ups'],
  ['refresh_token_rotation_enabled', 'Rotate refresh tokens (detect reuse)'],
  ['mfa_totp_enabled', 'Allow TOTP multi-factor authentication'],
  ['oauth_stand_in_enabled', 'Social sign-in (GitHub, Google…) returns an identity you pick on a local stand-in page'],
];

/** `.stack label` stacks label text over its input; a checkbox reads better beside its text. */
const TOGGLE = { display: 'flex', flexDirection: 'row', alignItems: 'center', gap: 8, color: 'var(--text)', fontSize: 'inherit', margin: '4px 0' } as const;

export function AuthSettingsTab() {
  const query = useAuthSettingsQuery();
  const save = useAuthSettingsMutation();
  const [draft, setDraft] = useState<AuthSettings | null>(null);
  const [allowList, setAllowList] = useState('');
  useEffect(() => {
    if (query.data) {
      setDraft(query.data.settings);
      setAllowList(query.data.settings.uri_allow_list.join('\n'));
    }
  }, [query.data]);
  if (query.error) return <ErrorNotice error={query.error} />;
  if (!draft || !query.data) return <p className="muted">Loading…</p>;
  const set = <K extends keyof AuthSettings>(k: K, v: AuthSettings[K]) => setDraft({ ...draft, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = { ...draft, uri_allow_list: allowList.split('\n').map((s) => s.trim()).filter(Boolean) };
    const patch = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(query.data!.settings[k as keyof AuthSettings])));
    save.mutate(patch);
  };
  const num = (k: 'minimum_password_length' | 'jwt_expiry' | 'refresh_token_reuse_interval' | 'otp_expiry', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="number" value={draft[k]} onChange={(e) => set(k, Number(e.target.value))} data-testid={`auth-setting-${k}`} />
    </label>
  );
  return (
    <form className="stack" onSubmit={submit} data-testid="auth-settings">
      <div className="card">
        <h2>Redirects</h2>
        <label className="field"><span>Site URL (default redirect after email links)</span>
          <input value={draft.site_url} onChange={(e) => set('site_url', e.target.value)} data-testid="auth-setting-site_url" />
        </label>
        <label className="field"><span>Additional redirect URLs, one per line (<code>*</code> and <code>**</code> globs)</span>
          <textarea rows={3} value={allowList} onChange={(e) => setAllowList(e.target.value)} data-testid="auth-setting-uri_allow_list" />
        </label>
      </div>
      <div className="card">
        <h2>Sign-ups and sessions</h2>
        {FLAGS.map(([k, label]) => (
          <label key={k} className="toggle" style={TOGGLE}>
            <input type="checkbox" checked={draft[k]} onChange={(e) => set(k, e.target.checked)} data-testid={`auth-setting-${k}`} /> {label}
          </label>
        ))}
        <div className="fields" style={{ marginTop: 10 }}>
          {num('minimum_password_length', 'Minimum password length')}
          {num('jwt_expiry', 'Access token lifetime (s)')}
          {num('refresh_token_reuse_interval', 'Refresh token reuse interval (s)')}
          {num('otp_expiry', 'Email/SMS code lifetime (s)')}
        </div>
      </div>
      <div className="card">
        <h2>Signing key</h2>
        <label className="field"><span>Access tokens are signed with</span>
          <select value={draft.signing_key} onChange={(e) => set('signing_key', e.target.value as AuthSettings['signing_key'])} data-testid="auth-setting-signing_key">
            <option value="hs256">HS256 with the project JWT secret</option>
            <option value="es256">ES256 with the published key (kid {String(query.data.jwks.keys[0]?.kid ?? '').slice(0, 12)}…)</option>
          </select>
        </label>
        <p className="hint">Both are always accepted by the data API, storage and realtime. Public keys: <code>/auth/v1/.well-known/jwks.json</code>; issuer <code>{query.data.issuer_hint}</code>.</p>
      </div>
      <div className="card">
        <h2>Custom access token hook</h2>
        <label className="toggle" style={TOGGLE}>
          <input type="checkbox" checked={draft.hook_custom_access_token.enabled} onChange={(e) => set('hook_custom_access_token', { ...draft.hook_custom_access_token, enabled: e.target.checked })} data-testid="auth-setting-hook-enabled" /> Call a Postgres function on every token issue
        </label>
        <label className="field"><span>Function</span>
          <input placeholder="pg-functions://postgres/public/custom_access_token_hook" value={draft.hook_custom_access_token.uri} onChange={(e) => set('hook_custom_access_token', { ...draft.hook_custom_access_token, uri: e.target.value })} data-testid="auth-setting-hook-uri" />
        </label>
      </div>
      {save.error && <ErrorNotice error={save.error} testId="auth-settings-error" />}
      {save.isSuccess && <div className="notice notice-ok" data-testid="auth-settings-saved">Saved.</div>}
      <div><button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="auth-settings-save">{save.isPending ? 'Saving…' : 'Save settings'}</button></div>
    </form>
  );
}
